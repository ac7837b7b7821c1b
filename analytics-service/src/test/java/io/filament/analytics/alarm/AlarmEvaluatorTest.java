package io.filament.analytics.alarm;

import static io.filament.analytics.fixtures.StatusRecords.deletion;
import static io.filament.analytics.fixtures.StatusRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.filament.contracts.status.StatusTable;
import io.filament.analytics.uve.InMemoryUveStore;
import io.filament.analytics.uve.UveKey;
import io.filament.testsupport.SettableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class AlarmEvaluatorTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-28T10:00:00Z"));
    private final InMemoryUveStore store = new InMemoryUveStore();
    private final ConfigRealisationRule realisation = new ConfigRealisationRule(60_000_000L, List.of("virtual-network"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AlarmEvaluator alarms = new AlarmEvaluator(List.of(new XmppConnectivityRule(),
            new ControlNodeAgentsRule(), new DropRateRule(100), realisation), store, clock, meters);

    {
        store.addListener(alarms);
    }

    private List<String> active(String type) {
        return alarms.active().stream().filter(a -> a.type().equals(type)).map(a -> a.subject().key()).toList();
    }

    private void peer(String host, String controlNode, String state, long time) {
        store.apply(record("ObjectXmppPeerInfo", host, "control/" + controlNode, time,
                "{\"XmppPeerInfoData\":{\"state_info\":{\"state\":\"" + state + "\"}}}", null));
    }

    @Test
    void raisesXmppConnectivityWhenTheSessionGoesDownAndClearsWhenItReturns() {
        peer("host1", "cn1", "Established", 1);
        assertThat(active(XmppConnectivityRule.TYPE)).isEmpty();

        peer("host1", "cn1", "Idle", 2);
        assertThat(active(XmppConnectivityRule.TYPE)).containsExactly("host1");
        assertThat(meters.get("filament.alarms.active").tag("type", XmppConnectivityRule.TYPE).gauge().value()).isEqualTo(1);

        peer("host1", "cn1", "Established", 3);
        assertThat(active(XmppConnectivityRule.TYPE)).isEmpty();
    }

    @Test
    void oneEstablishedSessionOfTwoControlNodesIsEnough() {
        peer("host1", "cn1", "Active", 1);
        peer("host1", "cn2", "Established", 2);

        assertThat(active(XmppConnectivityRule.TYPE)).isEmpty();
    }

    @Test
    void withoutControlNodeReportsTheAgentsOwnPeerListDecides() {
        store.apply(record("ObjectVRouter", "host2", "agent/host2", 1,
                "{\"VrouterAgent\":{\"xmpp_peer_list\":[{\"ip\":\"127.0.0.1\",\"status\":false}]}}", null));
        assertThat(active(XmppConnectivityRule.TYPE)).containsExactly("host2");

        store.apply(record("ObjectVRouter", "host2", "agent/host2", 2,
                "{\"VrouterAgent\":{\"xmpp_peer_list\":[{\"ip\":\"127.0.0.1\",\"status\":true}]}}", null));
        assertThat(active(XmppConnectivityRule.TYPE)).isEmpty();
    }

    @Test
    void aControlNodeWithNoAgentsUpAlarmsUntilOneConnects() {
        store.apply(record("ObjectBgpRouter", "control-node-1", "control/control-node-1", 1,
                "{\"BgpRouterState\":{\"num_up_xmpp_peer\":0,\"num_xmpp_peer\":2}}", null));
        assertThat(active(ControlNodeAgentsRule.TYPE)).containsExactly("control-node-1");

        store.apply(record("ObjectBgpRouter", "control-node-1", "control/control-node-1", 2,
                "{\"BgpRouterState\":{\"num_up_xmpp_peer\":1}}", null));
        assertThat(active(ControlNodeAgentsRule.TYPE)).isEmpty();
    }

    private void drops(long time, long flowActionDrops) {
        store.apply(record("ObjectVRouter", "host1", "agent/host1", time,
                "{\"VrouterStatsAgent\":{\"raw_drop_stats\":{\"ds_flow_action_drop\":" + flowActionDrops + "}}}",
                "{\"VrouterStatsAgent\":{\"raw_drop_stats\":\"sum\"}}"));
    }

    @Test
    void raisesTheDropRateAlarmAboveTheThresholdAndClearsBelow() {
        drops(1_000_000, 0);
        drops(11_000_000, 500);
        assertThat(active(DropRateRule.TYPE)).isEmpty();

        drops(21_000_000, 5_000);
        assertThat(active(DropRateRule.TYPE)).containsExactly("host1");

        drops(31_000_000, 5_100);
        assertThat(active(DropRateRule.TYPE)).isEmpty();
    }

    @Test
    void raisesConfigNotRealisedAfterTheThresholdAndClearsOnRealisation() {
        UveKey subject = realisation.configChanged(
                new ConfigChangeSeen("virtual-network", "u1", 4, "updated", micros(clock))).orElseThrow();
        alarms.tick();
        assertThat(active(ConfigRealisationRule.TYPE)).isEmpty();

        clock.advance(Duration.ofSeconds(61));
        alarms.tick();
        assertThat(active(ConfigRealisationRule.TYPE)).containsExactly("virtual-network:u1");

        store.apply(record("ObjectConfigRealisation", subject.key(), "agent/host1", micros(clock),
                "{\"ConfigRealisation\":{\"realised_version\":3}}", null));
        assertThat(active(ConfigRealisationRule.TYPE)).containsExactly("virtual-network:u1");
        store.apply(record("ObjectConfigRealisation", subject.key(), "schema-transformer/1", micros(clock),
                "{\"ConfigRealisation\":{\"realised_version\":4}}", null));
        assertThat(active(ConfigRealisationRule.TYPE)).isEmpty();
    }

    @Test
    void untrackedConfigTypesNeverAlarm() {
        assertThat(realisation.configChanged(new ConfigChangeSeen("project", "p1", 1, "created", micros(clock))))
                .isEmpty();
        clock.advance(Duration.ofMinutes(10));
        alarms.tick();

        assertThat(alarms.active()).isEmpty();
    }

    @Test
    void anAlarmWhoseSubjectWithdrewIsCleared() {
        peer("host1", "cn1", "Idle", 1);
        assertThat(active(XmppConnectivityRule.TYPE)).containsExactly("host1");

        store.apply(deletion("ObjectXmppPeerInfo", "host1", "control/cn1", 2, null));
        alarms.tick();

        assertThat(alarms.active()).isEmpty();
        assertThat(store.keys(StatusTable.XMPP_PEER)).isEmpty();
    }

    /** The clock's time in microseconds since the epoch, as status records carry it. */
    private static long micros(SettableClock clock) {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }
}
