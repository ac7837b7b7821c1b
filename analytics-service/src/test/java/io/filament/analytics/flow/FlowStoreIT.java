package io.filament.analytics.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;

import io.filament.analytics.AnalyticsProperties;
import io.filament.analytics.store.BoundedWriter;
import io.filament.analytics.store.CassandraSchema;
import io.filament.testsupport.LocalInfrastructure;
import io.filament.testsupport.LocalInfrastructureTest;

/**
 * The flow tables on the real Cassandra: what is written is read back whole, from every index, with its TTL, and a
 * flow reported several times (or a poll written again) yields its latest report once.
 */
@LocalInfrastructureTest
class FlowStoreIT {

    private static final Duration TTL = Duration.ofHours(2);
    private static final long MINUTE = 60_000_000L;
    private static CqlSession session;
    private static String keyspace;
    private static FlowStore store;
    private static BoundedWriter writer;

    @BeforeAll
    static void createSchema(LocalInfrastructure infra) {
        session = infra.cqlSession();
        keyspace = infra.uniqueKeyspace("flowstore");
        CassandraSchema.create(session, properties(keyspace));
        store = new FlowStore(session, keyspace, (int) TTL.toSeconds());
        writer = new BoundedWriter(session, 16);
    }

    @AfterAll
    static void close() {
        session.close();
    }

    private static long nextOffset = 1_000;

    /** Writes the records as one poll of topic partition 0 would, at the next offsets. */
    private static void write(List<FlowRecord> records) throws Exception {
        List<StoredFlow> flows = new ArrayList<>();
        for (FlowRecord r : records) {
            flows.add(new StoredFlow(r, 0, nextOffset++));
        }
        writeAt(flows);
    }

    private static void writeAt(List<StoredFlow> flows) throws Exception {
        writer.write(store.rows(flows)).get(60, TimeUnit.SECONDS);
    }

    private static List<FlowRecord> read(FlowIndex index, String value, long from, long to) throws Exception {
        List<FlowRecord> records = new ArrayList<>(store.read(index, value, from, to).toCompletableFuture()
                .get(60, TimeUnit.SECONDS));
        records.sort(Comparator.comparingLong(FlowRecord::setupTime));
        return records;
    }

    private static FlowRecord flow(String tag, long setupTime, long bytes) {
        return new FlowRecord("host-" + tag, "default-domain:demo:red-" + tag, "default-domain:demo:blue-" + tag,
                "2001:db8::3", "10.2.2.3", 17, 5353, 53, 0, "deny", setupTime, setupTime + 1_500_000, bytes / 60, bytes,
                UUID.randomUUID(), "127.0.0.11", "fe80::1", "7d3c4a1e-5b6f-4c2d-9e8f-0a1b2c3d4e5f",
                "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0", "FLOW_ACTION_DROP");
    }

    @Test
    void readsBackEveryFieldOfARecordThroughEachIndex() throws Exception {
        long now = System.currentTimeMillis() * 1000;
        FlowRecord record = flow("all", now, 123_456_789_012L);
        write(List.of(record));

        assertThat(read(FlowIndex.BY_SOURCE_VN, record.sourceVn(), now - MINUTE, now)).containsExactly(record);
        assertThat(read(FlowIndex.BY_DEST_VN, record.destVn(), now, now + MINUTE)).containsExactly(record);
        assertThat(read(FlowIndex.BY_VROUTER, record.vrouter(), now, now)).containsExactly(record);
        assertThat(read(FlowIndex.BY_VROUTER, record.vrouter(), now + 1, now + MINUTE)).isEmpty();
    }

    @Test
    void everyRowCarriesTheConfiguredTtl() throws Exception {
        long now = System.currentTimeMillis() * 1000;
        FlowRecord record = flow("ttl", now, 64);
        write(List.of(record));

        for (FlowIndex index : FlowIndex.values()) {
            Row row = session.execute("SELECT TTL(records) FROM " + keyspace + "." + index.table()
                    + " WHERE index_value = ? AND bucket = ?", record.value(index.field()), FlowIndex.bucketOf(now)).one();
            assertThat(row).as(index.table()).isNotNull();
            assertThat(row.getInt(0)).as(index.table()).isBetween((int) TTL.toSeconds() - 120, (int) TTL.toSeconds());
        }
    }

    @Test
    void onePollBecomesOneChunkRowPerTablePartitionAndTopicPartition() throws Exception {
        long minute = System.currentTimeMillis() * 1000 / MINUTE * MINUTE;
        List<StoredFlow> poll = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            poll.add(new StoredFlow(flow("chunks", minute + i, 10 + i), i % 2, 500 + i));
        }
        writeAt(poll);

        long rows = session.execute("SELECT COUNT(*) FROM " + keyspace + "." + FlowIndex.BY_SOURCE_VN.table()
                + " WHERE index_value = ? AND bucket = ?", "default-domain:demo:red-chunks", FlowIndex.bucketOf(minute))
                .one().getLong(0);
        assertThat(rows).isEqualTo(2);
        assertThat(read(FlowIndex.BY_SOURCE_VN, "default-domain:demo:red-chunks", minute, minute + MINUTE - 1))
                .containsExactlyElementsOf(poll.stream().map(StoredFlow::record).toList());
    }

    @Test
    void aPollReadAgainWithOtherBoundariesStillYieldsTheLatestReportOfEachFlow() throws Exception {
        long now = System.currentTimeMillis() * 1000;
        FlowRecord early = flow("replay", now, 100);
        FlowRecord late = withBytes(early, 5_000);
        FlowRecord other = flow("replay", now + 1, 7);
        // First reading: offsets 10..11 and 12 in two polls. Read again from 10 after a failure: 10, then 11..12,
        // so the chunk keyed (3, 10) is overwritten with fewer records and the rest come in the next chunk.
        writeAt(List.of(new StoredFlow(early, 3, 10), new StoredFlow(other, 3, 11)));
        writeAt(List.of(new StoredFlow(late, 3, 12)));
        writeAt(List.of(new StoredFlow(early, 3, 10)));
        writeAt(List.of(new StoredFlow(other, 3, 11), new StoredFlow(late, 3, 12)));

        assertThat(read(FlowIndex.BY_DEST_VN, early.destVn(), now, now + 1)).containsExactly(late, other);
    }

    @Test
    void aWindowAcrossSeveralBucketsReturnsExactlyTheRecordsInsideIt() throws Exception {
        long start = (System.currentTimeMillis() * 1000 / MINUTE - 30) * MINUTE;
        List<FlowRecord> records = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            FlowRecord r = flow("window", start + i * 30_000_000L + 7, 1000 + i);
            records.add(r);
        }
        write(records);
        long from = start + 4 * MINUTE + 20_000_000L;
        long to = from + 10 * MINUTE;
        List<FlowRecord> expected = records.stream().filter(r -> r.setupTime() >= from && r.setupTime() <= to).toList();

        assertThat(FlowIndex.bucketOf(to) - FlowIndex.bucketOf(from)).isEqualTo(10);
        assertThat(expected).hasSize(20);
        assertThat(read(FlowIndex.BY_SOURCE_VN, "default-domain:demo:red-window", from, to)).containsExactlyElementsOf(expected);
        assertThat(read(FlowIndex.BY_VROUTER, "host-window", from, to)).containsExactlyElementsOf(expected);
    }

    @Test
    void aLaterReportOfAFlowReplacesTheEarlierOne() throws Exception {
        long now = System.currentTimeMillis() * 1000;
        FlowRecord first = flow("update", now, 100);
        FlowRecord later = withBytes(first, 9_900);
        write(List.of(first));
        write(List.of(later));

        assertThat(read(FlowIndex.BY_DEST_VN, first.destVn(), now, now)).containsExactly(later);
    }

    private static FlowRecord withBytes(FlowRecord f, long bytes) {
        return new FlowRecord(f.vrouter(), f.sourceVn(), f.destVn(), f.sourceIp(), f.destIp(), f.protocol(),
                f.sourcePort(), f.destPort(), f.directionIngress(), f.action(), f.setupTime(), f.teardownTime(),
                bytes / 100, bytes, f.flowUuid(), f.vrouterIp(), f.otherVrouterIp(), f.sgRuleUuid(), f.nwAceUuid(),
                f.dropReason());
    }

    @Test
    void creatingTheSchemaAgainDropsTheFlowTablesOfTheEarlierLayoutAndKeepsTheCurrentOnes() throws Exception {
        write(List.of(flow("drop-check", System.currentTimeMillis() * 1_000, 600)));
        for (String old : List.of("flow_by_sourcevn", "flow_by_destvn", "flow_by_vrouter")) {
            session.execute("CREATE TABLE IF NOT EXISTS " + keyspace + "." + old
                    + " (index_value text, bucket bigint, t bigint, PRIMARY KEY ((index_value, bucket), t))");
        }

        CassandraSchema.create(session, properties(keyspace));

        var tables = session.getMetadata().getKeyspace(keyspace).orElseThrow().getTables().keySet().stream()
                .map(id -> id.asInternal()).toList();
        assertThat(tables).doesNotContain("flow_by_sourcevn", "flow_by_destvn", "flow_by_vrouter")
                .contains("flow_chunks_by_sourcevn", "flow_chunks_by_destvn", "flow_chunks_by_vrouter");
        assertThat(session.execute("SELECT COUNT(*) FROM " + keyspace + "." + FlowIndex.BY_VROUTER.table())
                .one().getLong(0)).isPositive();
    }

    private static AnalyticsProperties properties(String keyspace) {
        return new AnalyticsProperties("127.0.0.1:9092", "flowstore-it", keyspace, 1,
                new AnalyticsProperties.Topics("status", "flows", "config", 1),
                new AnalyticsProperties.Ttl(Duration.ofHours(48), TTL, Duration.ofHours(168)),
                new AnalyticsProperties.Ingest(65536, 2000, 16, Duration.ofSeconds(2)),
                new AnalyticsProperties.Alarms(100, Duration.ofMinutes(2), List.of(), Duration.ofSeconds(5)),
                new AnalyticsProperties.Stream(100, 1), new AnalyticsProperties.Query(100_000, Duration.ofSeconds(30)));
    }
}
