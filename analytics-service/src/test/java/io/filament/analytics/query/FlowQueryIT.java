package io.filament.analytics.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;

import io.filament.analytics.fixtures.FlowRecords;
import io.filament.analytics.fixtures.RecordProducer;
import io.filament.analytics.fixtures.RunningAnalytics;
import io.filament.analytics.fixtures.StatusRecords;
import io.filament.testsupport.LocalInfrastructure;
import io.filament.testsupport.LocalInfrastructureTest;
import tools.jackson.databind.JsonNode;

/** Flow records through Kafka into Cassandra and back out through the query API; short TTLs to see expiry. */
@LocalInfrastructureTest
class FlowQueryIT {

    private static final Duration TTL = Duration.ofSeconds(20);
    private static RunningAnalytics analytics;
    private static RecordProducer producer;
    private static RunningAnalytics.Names names;

    @BeforeAll
    static void start(LocalInfrastructure infra) {
        names = RunningAnalytics.Names.unique(infra, "flow");
        analytics = RunningAnalytics.start(infra, names, Map.of(
                "filament.analytics.ttl.flows", TTL.toSeconds() + "s",
                "filament.analytics.ttl.object-history", TTL.toSeconds() + "s",
                "filament.analytics.ttl.statistics", TTL.toSeconds() + "s"));
        producer = new RecordProducer(infra.kafkaBootstrapServers());
    }

    @AfterAll
    static void stop() {
        producer.close();
        analytics.close();
    }

    private JsonNode query(String body) throws Exception {
        HttpResponse<String> response = analytics.post("/analytics/query", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return StatusRecords.JSON.readTree(response.body());
    }

    @Test
    void flowsAreFoundBySourceNetworkWithinSecondsAndAreGoneAfterTheirTtl() throws Exception {
        String red = "default-domain:demo:red-" + names.group().hashCode();
        String blue = "default-domain:demo:blue-" + names.group().hashCode();
        long now = RecordProducer.nowMicros();
        for (int i = 0; i < 120; i++) {
            String vrouter = i % 2 == 0 ? "host1" : "host2";
            producer.flow(names.flowTopic(), vrouter, FlowRecords.body(vrouter, i < 90 ? red : blue,
                    i < 90 ? blue : red, i, i % 3 == 0 ? 443 : 80, i % 10 == 0 ? "drop" : "pass", now - i * 1000, 100));
        }
        producer.flush();
        String bySource = """
                {"table":"FlowRecordTable","start_time":"now-10m","end_time":"now+1m",
                 "select_fields":["vrouter","sourcevn","destvn","sourceip","dport","action","agg-bytes"],
                 "where":[[{"name":"sourcevn","value":"%s","op":1}]]}""".formatted(red);

        long sent = System.nanoTime();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(query(bySource).get("value")).hasSize(90));
        long foundMillis = (System.nanoTime() - sent) / 1_000_000;
        assertThat(foundMillis).as("found within seconds").isLessThan(15_000);

        JsonNode aggregated = query("""
                {"table":"FlowRecordTable","start_time":"now-10m","end_time":"now+1m",
                 "select_fields":["dport","SUM(agg-bytes)","COUNT(flowuuid)"],
                 "where":[[{"name":"sourcevn","value":"%s","op":1},{"name":"action","value":"pass","op":1}]],
                 "sort_fields":["dport"],"sort":1}""".formatted(red)).get("value");
        assertThat(aggregated).hasSize(2);
        assertThat(aggregated.get(0).get("dport").longValue()).isEqualTo(80);
        assertThat(aggregated.get(0).get("COUNT(flowuuid)").longValue() + aggregated.get(1).get("COUNT(flowuuid)").longValue())
                .isEqualTo(81);
        assertThat(aggregated.get(1).get("SUM(agg-bytes)").longValue())
                .isEqualTo(100 * aggregated.get(1).get("COUNT(flowuuid)").longValue());

        JsonNode byVrouterOrDest = query("""
                {"table":"FlowRecordTable","start_time":"now-10m","end_time":"now+1m","select_fields":["COUNT(flowuuid)"],
                 "where":[[{"name":"vrouter","value":"host1","op":1},{"name":"destvn","value":"%s","op":1}],
                          [{"name":"destvn","value":"%s","op":1}]]}""".formatted(red, red)).get("value");
        assertThat(byVrouterOrDest.get(0).get("COUNT(flowuuid)").longValue()).isEqualTo(30);

        await().atMost(TTL.plusSeconds(90)).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(query(bySource).get("value")).isEmpty());
    }

    @Test
    void aBadQueryIsRefusedWithTheFieldNamed() throws Exception {
        HttpResponse<String> response = analytics.post("/analytics/query", """
                {"table":"FlowRecordTable","start_time":"now-10m","end_time":"now",
                 "select_fields":["sourcevn"],"where":[[{"name":"sourcevn","value":"x","op":11}]]}""");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = StatusRecords.JSON.readTree(response.body());
        assertThat(error.get("field").stringValue()).isEqualTo("where[0][0].op");
        assertThat(error.get("value").stringValue()).isEqualTo("11");
        assertThat(analytics.post("/analytics/query", "{not json").statusCode()).isEqualTo(400);
    }

    @Test
    void timeSeriesTablesUseTimeWindowCompactionAndTheConfiguredTtl() {
        CqlSession session = analytics.bean(CqlSession.class);
        for (String table : new String[] {"flow_chunks_by_sourcevn", "flow_chunks_by_destvn", "flow_chunks_by_vrouter", "stat_samples", "object_history"}) {
            Row row = session.execute("SELECT compaction, default_time_to_live FROM system_schema.tables"
                    + " WHERE keyspace_name = ? AND table_name = ?", names.keyspace(), table).one();
            assertThat(row).as(table).isNotNull();
            assertThat(row.getMap("compaction", String.class, String.class).get("class")).as(table)
                    .endsWith("TimeWindowCompactionStrategy");
            assertThat(row.getInt("default_time_to_live")).as(table).isEqualTo((int) TTL.toSeconds());
        }
    }
}
