package io.filament.dataplane.app;

import io.filament.dataplane.forward.DropReason;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.InstantSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DataplaneProperties.class)
class DataplaneConfiguration {

    @Bean
    InstantSource clock() {
        return InstantSource.system();
    }

    @Bean
    DataplaneRuntime dataplaneRuntime(DataplaneProperties properties, InstantSource clock) {
        return new DataplaneRuntime(properties, clock);
    }

    /** Drop counters by reason as {@code filament_dataplane_drops_total{reason=...}}. */
    @Bean
    MeterBinder dropCounters(DataplaneRuntime runtime) {
        return registry -> {
            for (DropReason reason : DropReason.values()) {
                FunctionCounter.builder("filament.dataplane.drops", runtime,
                                r -> r.engine() == null ? 0 : r.engine().withCounters(c -> c.drops(reason)))
                        .tag("reason", reason.name().toLowerCase()).register(registry);
            }
        };
    }
}
