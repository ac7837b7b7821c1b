package io.filament.analytics.uve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.filament.analytics.fixtures.RecordProducer;
import io.filament.analytics.fixtures.RunningAnalytics;
import io.filament.analytics.ingest.DeadLetters;
import io.filament.testsupport.LocalInfrastructure;
import io.filament.testsupport.LocalInfrastructureTest;
import tools.jackson.databind.JsonNode;

@LocalInfrastructureTest
class UveMergeIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static RunningAnalytics analytics;
    private static RecordProducer producer;
    private static RunningAnalytics.Names names;
    private static LocalInfrastructure infra;

    @BeforeAll
    static void start(LocalInfrastructure localInfrastructure) {
        infra = localInfrastructure;
        names = RunningAnalytics.Names.unique(infra, "uve");
        analytics = RunningAnalytics.start(infra, names, Map.of());
        producer = new RecordProducer(infra.kafkaBootstrapServers());
    }

    @AfterAll
    static void stop() {
        producer.close();
        analytics.close();
    }

    @Test
    void aVirtualNetworkUveCombinesTheContributionsOfTwoHosts() {
        String vn = "default-domain:demo:red";
        String aggtype = "{\"UveVirtualNetworkAgent\":{\"in_bytes\":\"sum\",\"in_tpkts\":\"sum\"}}";
        producer.status(names.statusTopic(), "ObjectVNTable", vn, "agent/host1", false,
                "{\"UveVirtualNetworkAgent\":{\"interface_list\":[\"vmi-1\"],\"in_bytes\":1000,\"in_tpkts\":10}}", aggtype);
        producer.status(names.statusTopic(), "ObjectVNTable", vn, "agent/host2", false,
                "{\"UveVirtualNetworkAgent\":{\"interface_list\":[\"vmi-2\"],\"in_bytes\":500,\"in_tpkts\":5}}", aggtype);
        producer.flush();

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode agent = analytics.getJson("/analytics/uves/virtual-network/" + vn + "?flat").get("UveVirtualNetworkAgent");
            assertThat(agent).isNotNull();
            assertThat(agent.get("interface_list").valueStream().map(JsonNode::stringValue))
                    .containsExactlyInAnyOrder("vmi-1", "vmi-2");
            assertThat(agent.get("in_bytes").longValue()).isEqualTo(1500);
            assertThat(agent.get("in_tpkts").longValue()).isEqualTo(15);
        });
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(analytics.getJson("/analytics/uves/virtual-networks?kfilt=default-domain:demo:*")
                .valueStream().map(l -> l.get("name").stringValue())).contains(vn));

        producer.status(names.statusTopic(), "ObjectVNTable", vn, "agent/host1", true, null, null);
        producer.flush();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(analytics.getJson("/analytics/uves/virtual-network/" + vn + "?flat")
                .get("UveVirtualNetworkAgent").get("in_bytes").longValue()).isEqualTo(500));
    }

    @Test
    void theVrouterUveListsItsInterfacesAndXmppPeersFromAgentAndControlNode() {
        producer.status(names.statusTopic(), "ObjectVRouter", "host7", "agent/host7", false,
                "{\"VrouterAgent\":{\"interface_list\":[\"tap-a\",\"tap-b\"],\"xmpp_peer_list\":[{\"ip\":\"127.0.0.1\","
                        + "\"status\":true,\"setup_time\":1,\"primary\":true}]}}", null);
        producer.status(names.statusTopic(), "ObjectXmppPeerInfo", "host7", "control/control-node-1", false,
                "{\"XmppPeerInfoData\":{\"state_info\":{\"state\":\"Established\"}}}", null);
        producer.flush();

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode agent = analytics.getJson("/analytics/uves/vrouter/host7?flat").get("VrouterAgent");
            assertThat(agent).isNotNull();
            assertThat(agent.get("interface_list").valueStream().map(JsonNode::stringValue)).containsExactly("tap-a", "tap-b");
            assertThat(agent.get("xmpp_peer_list").get(0).get("ip").stringValue()).isEqualTo("127.0.0.1");
            assertThat(analytics.getJson("/analytics/uves/xmpp-peer/host7?flat").at("/XmppPeerInfoData/state_info/state")
                    .stringValue()).isEqualTo("Established");
        });
        JsonNode notFlat = assertOk(() -> analytics.getJson("/analytics/uves/vrouter/host7?mfilt=agent"));
        assertThat(notFlat.at("/VrouterAgent/interface_list/aggtype").stringValue()).isEqualTo("union");
        assertThat(notFlat.at("/VrouterAgent/interface_list/sources").has("agent/host7")).isTrue();
    }

    @Test
    void theUveStreamSendsTheChangesOfTheRequestedType() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<java.io.InputStream> response = http.send(HttpRequest.newBuilder(
                URI.create(analytics.base() + "/analytics/uve-stream?tablefilt=control-node")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                lines.add("closed: " + e.getMessage());
            }
        });
        try {
            producer.status(names.statusTopic(), "ObjectBgpRouter", "control-node-9", "control/control-node-9", false,
                    "{\"BgpRouterState\":{\"num_up_xmpp_peer\":2}}", null);
            producer.status(names.statusTopic(), "ObjectVRouter", "host-not-streamed", "agent/x", false,
                    "{\"VrouterAgent\":{\"interface_list\":[]}}", null);
            producer.flush();

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(lines).anySatisfy(l -> assertThat(l)
                    .startsWith("data:").contains("\"key\":\"ObjectBgpRouter:control-node-9\"")
                    .contains("\"type\":\"BgpRouterState\"").contains("\"num_up_xmpp_peer\":2")));
            assertThat(lines).noneMatch(l -> l.contains("host-not-streamed"));
            assertThat(lines).contains("event:update");
        } finally {
            response.body().close();
            reader.interrupt();
        }
    }

    @Test
    void aMalformedStatusRecordGoesToTheDeadLetterTopicWithItsReason() {
        producer.raw(names.statusTopic(), "ObjectVRouter:bad", "agent/bad", "io.filament.status.ObjectVRouter",
                "{\"table\":\"ObjectVRouter\",\"key\":\"bad\",\"source\":\"agent/bad\",\"time\":\"soon\",\"data\":{}}");
        producer.flush();

        try (KafkaConsumer<String, String> dlq = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + names.group()),
                new StringDeserializer(), new StringDeserializer())) {
            dlq.subscribe(List.of(names.statusTopic() + ".dlq"));
            List<ConsumerRecord<String, String>> seen = new CopyOnWriteArrayList<>();
            await().atMost(PATIENCE).untilAsserted(() -> {
                dlq.poll(Duration.ofMillis(500)).forEach(seen::add);
                assertThat(seen).anySatisfy(r -> {
                    assertThat(r.key()).isEqualTo("ObjectVRouter:bad");
                    assertThat(new String(r.headers().lastHeader(DeadLetters.FIELD_HEADER).value(), StandardCharsets.UTF_8))
                            .isEqualTo("time");
                });
            });
        }
        assertThat(assertOk(() -> analytics.getJson("/analytics/uves/vrouter/bad?flat")).isEmpty()).isTrue();
    }

    @Test
    void anUnknownUveTypeIsNotFoundNamingTheType() throws Exception {
        HttpResponse<String> response = analytics.get("/analytics/uves/gadget/x");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"field\":\"type\"").contains("\"value\":\"gadget\"");
    }

    @Test
    void countersAreStoredAsStatisticsAndEveryRecordAsObjectHistory() {
        producer.status(names.statusTopic(), "ObjectVRouter", "host-stats", "agent/host-stats", false,
                "{\"VrouterStatsAgent\":{\"in_bytes\":4096}}", "{\"VrouterStatsAgent\":{\"in_bytes\":\"sum\"}}");
        producer.flush();

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode stats = StatusQuery.run(analytics, """
                    {"table":"StatTable.VrouterStatsAgent.in_bytes","start_time":"now-10m","end_time":"now+1m",
                     "select_fields":["name","SUM(in_bytes)"],"where":[[{"name":"name","value":"host-stats","op":1}]]}""");
            assertThat(stats.get("value")).singleElement().satisfies(row ->
                    assertThat(row.get("SUM(in_bytes)").doubleValue()).isEqualTo(4096.0));
            JsonNode history = StatusQuery.run(analytics, """
                    {"table":"ObjectVRouter","start_time":"now-10m","end_time":"now+1m",
                     "select_fields":["MessageTS","Source","ObjectLog"],"where":[[{"name":"ObjectId","value":"host-stats","op":1}]]}""");
            assertThat(history.get("value")).singleElement().satisfies(row -> {
                assertThat(row.get("Source").stringValue()).isEqualTo("agent/host-stats");
                assertThat(row.get("ObjectLog").stringValue()).contains("\"in_bytes\":4096");
            });
        });
    }

    interface Call<T> {
        T call() throws Exception;
    }

    private static <T> T assertOk(Call<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Runs a query and insists on 200. */
    static final class StatusQuery {
        static JsonNode run(RunningAnalytics analytics, String body) throws Exception {
            HttpResponse<String> response = analytics.post("/analytics/query", body);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return io.filament.analytics.fixtures.StatusRecords.JSON.readTree(response.body());
        }
    }
}
