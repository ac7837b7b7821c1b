package io.filament.analytics;

import java.time.Clock;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.filament.analytics.alarm.AlarmEvaluator;
import io.filament.analytics.alarm.ConfigRealisationRule;
import io.filament.analytics.alarm.ControlNodeAgentsRule;
import io.filament.analytics.alarm.DropRateRule;
import io.filament.analytics.alarm.XmppConnectivityRule;
import io.filament.contracts.status.StatusTable;
import io.filament.analytics.uve.InMemoryUveStore;
import io.filament.analytics.uve.UveStreamBroadcaster;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The UVE view, its stream and the alarms that watch it. */
@Configuration(proxyBeanMethods = false)
class UveConfiguration {

    @Bean
    InMemoryUveStore uveStore(MeterRegistry meters) {
        InMemoryUveStore store = new InMemoryUveStore();
        for (StatusTable table : StatusTable.values()) {
            Gauge.builder("filament.analytics.uves", store, s -> s.count(table))
                    .description("UVEs with at least one contribution").tag("type", table.typeName()).register(meters);
        }
        return store;
    }

    @Bean(destroyMethod = "close")
    UveStreamBroadcaster uveStreamBroadcaster(InMemoryUveStore store, AnalyticsProperties properties,
                                              MeterRegistry meters) {
        UveStreamBroadcaster broadcaster = new UveStreamBroadcaster(properties.stream().queueCapacity(),
                properties.stream().maxClients(), meters);
        store.addListener(broadcaster);
        return broadcaster;
    }

    @Bean
    ConfigRealisationRule configRealisationRule(AnalyticsProperties properties) {
        return new ConfigRealisationRule(properties.alarms().realisationThreshold().toNanos() / 1000,
                properties.alarms().trackedConfigTypes());
    }

    @Bean
    AlarmEvaluator alarmEvaluator(InMemoryUveStore store, ConfigRealisationRule realisation,
                                  AnalyticsProperties properties, Clock clock, MeterRegistry meters) {
        AlarmEvaluator evaluator = new AlarmEvaluator(List.of(new XmppConnectivityRule(), new ControlNodeAgentsRule(),
                new DropRateRule(properties.alarms().dropRateThreshold()), realisation), store, clock, meters);
        store.addListener(evaluator);
        return evaluator;
    }
}
