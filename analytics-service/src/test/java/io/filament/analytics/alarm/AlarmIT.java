package io.filament.analytics.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.filament.analytics.fixtures.RecordProducer;
import io.filament.analytics.fixtures.RunningAnalytics;
import io.filament.testsupport.LocalInfrastructure;
import io.filament.testsupport.LocalInfrastructureTest;
import tools.jackson.databind.JsonNode;

@LocalInfrastructureTest
class AlarmIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static RunningAnalytics analytics;
    private static RecordProducer producer;
    private static RunningAnalytics.Names names;

    @BeforeAll
    static void start(LocalInfrastructure infra) {
        names = RunningAnalytics.Names.unique(infra, "alarm");
        analytics = RunningAnalytics.start(infra, names, Map.of(
                "filament.analytics.alarms.realisation-threshold", "3s"));
        producer = new RecordProducer(infra.kafkaBootstrapServers());
    }

    @AfterAll
    static void stop() {
        producer.close();
        analytics.close();
    }

    private void xmppState(String host, String state) {
        producer.status(names.statusTopic(), "ObjectXmppPeerInfo", host, "control/control-node-1", false,
                "{\"XmppPeerInfoData\":{\"state_info\":{\"state\":\"" + state + "\",\"last_state\":\"Active\"}}}", null);
        producer.flush();
    }

    private JsonNode vrouterAlarms(String host) throws Exception {
        JsonNode all = analytics.getJson("/analytics/alarms?tablefilt=vrouter");
        for (JsonNode entry : all.path("vrouter")) {
            if (entry.get("name").stringValue().equals(host)) {
                return entry.at("/value/UVEAlarms/alarms");
            }
        }
        return StatusRecordsJson.EMPTY;
    }

    @Test
    void anAlarmRaisesWhenTheVrouterXmppSessionGoesDownAndClearsWhenItComesBack() throws Exception {
        xmppState("host1", "Established");
        await().atMost(PATIENCE).until(() -> analytics.getJson("/analytics/uves/xmpp-peers").size() == 1);
        assertThat(vrouterAlarms("host1")).isEmpty();

        xmppState("host1", "Idle");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(vrouterAlarms("host1")).anySatisfy(a -> {
            assertThat(a.get("type").stringValue()).isEqualTo(XmppConnectivityRule.TYPE);
            assertThat(a.get("severity").intValue()).isEqualTo(1);
            assertThat(a.get("description").stringValue()).contains("host1");
        }));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(analytics.get("/actuator/prometheus").body())
                .contains("filament_alarms_active{application=\"analytics-service\",severity=\"1\",type=\""
                        + XmppConnectivityRule.TYPE + "\"} 1.0"));

        xmppState("host1", "Established");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(vrouterAlarms("host1")).isEmpty());
    }

    @Test
    void aConfigChangeNobodyRealisesRaisesAnAlarmThatRealisationClears() throws Exception {
        String uuid = java.util.UUID.randomUUID().toString();
        producer.raw(names.configTopic(), uuid, "config-api/1", "io.filament.config.virtual-network.updated",
                "{\"type\":\"virtual-network\",\"uuid\":\"" + uuid + "\",\"version\":2,\"operation\":\"updated\","
                        + "\"changed_fields\":[\"display_name\"],\"object\":{}}");
        producer.flush();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(analytics.getJson("/analytics/alarms?tablefilt=config-object")
                .path("config-object").valueStream().map(e -> e.get("name").stringValue())).contains("virtual-network:" + uuid));

        producer.status(names.statusTopic(), "ObjectConfigRealisation", "virtual-network:" + uuid, "agent/host1", false,
                "{\"ConfigRealisation\":{\"realised_version\":2}}", null);
        producer.flush();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(analytics.getJson("/analytics/alarms?tablefilt=config-object")
                .path("config-object").valueStream().map(e -> e.get("name").stringValue())).doesNotContain("virtual-network:" + uuid));
    }

    /** An empty JSON array for "no alarms". */
    static final class StatusRecordsJson {
        static final JsonNode EMPTY = tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    }
}
