package io.filament.configapi.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.filament.testsupport.LocalInfrastructure;
import io.filament.testsupport.LocalInfrastructureTest;
import io.filament.testsupport.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox in real Cassandra: a scan reads each shard from its floor, so the deleted markers of everything relayed
 * before it are not read again (Cassandra reports how many deleted cells a read went through), while a marker left
 * in place, a marker written within the write margin and the rest of a full batch are all found by the next scan;
 * markers of the earlier {@code outbox} table are moved over when the schema is created.
 */
@LocalInfrastructureTest
class OutboxIT {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private final LocalInfrastructure infra;
    private final CqlSession cql;
    private final SettableClock clock = new SettableClock(T0);

    OutboxIT(LocalInfrastructure infra) {
        this.infra = infra;
        this.cql = infra.cqlSession();
    }

    @AfterEach
    void close() {
        cql.close();
    }

    /** One shard, so that every marker lands in it. */
    private Outbox outbox(String ks) {
        CassandraSchema.create(cql, ks, 1);
        return new Outbox(cql, ks, 1, 30, clock);
    }

    private static BitSet shardZero() {
        BitSet shards = new BitSet();
        shards.set(0);
        return shards;
    }

    private static List<Outbox.Marker> markers(Map<Integer, List<Outbox.Marker>> found) {
        return found.getOrDefault(0, List.of());
    }

    @Test
    void aScanDoesNotReadTheDeletedMarkersBehindItsFloorAgain() {
        String ks = infra.uniqueKeyspace("outbox_floor");
        Outbox outbox = outbox(ks);
        for (int i = 0; i < 1_500; i++) {
            Instant created = T0.plusMillis(i);
            String uuid = UUID.randomUUID().toString();
            outbox.mark(uuid, 1, created);
            outbox.unmark(uuid, 1, created).join();
        }
        String fresh = UUID.randomUUID().toString();
        clock.set(T0.plus(Duration.ofMinutes(5)));
        outbox.mark(fresh, 1, clock.instant());

        // The first scan after a start reads the whole shard, deleted markers included ...
        assertThat(outbox.floor(0)).isEqualTo(Instant.EPOCH);
        assertThat(deletedCellsReadFrom(ks, outbox.floor(0))).isGreaterThanOrEqualTo(1_500);
        assertThat(markers(outbox.pending(shardZero(), 500))).extracting(Outbox.Marker::uuid).containsExactly(fresh);
        // ... the next one from the marker it left (10 s before the first scan at the latest): none of them.
        clock.set(clock.instant().plusSeconds(1));
        assertThat(outbox.floor(0)).isEqualTo(T0.plus(Duration.ofMinutes(5)).minus(Outbox.WRITE_MARGIN));
        assertThat(deletedCellsReadFrom(ks, outbox.floor(0))).isZero();
        assertThat(markers(outbox.pending(shardZero(), 500))).extracting(Outbox.Marker::uuid).containsExactly(fresh);
        // Once that marker is deleted too, the floor moves on to 10 s before the latest scan.
        outbox.unmark(markers(outbox.pending(shardZero(), 500)).getFirst()).join();
        assertThat(outbox.floor(0)).isEqualTo(clock.instant().minus(Outbox.WRITE_MARGIN));
    }

    @Test
    void markersLeftInPlaceWrittenWithinTheMarginOrBeyondAFullBatchAreFoundByTheNextScan() {
        Outbox outbox = outbox(infra.uniqueKeyspace("outbox_found"));
        String left = UUID.randomUUID().toString();
        outbox.mark(left, 1, T0);
        clock.set(T0.plus(Duration.ofMinutes(10)));
        assertThat(markers(outbox.pending(shardZero(), 500))).extracting(Outbox.Marker::uuid).containsExactly(left);

        // Left in place (its predecessor not yet published, say) although far older than the margin; and a marker
        // whose timestamp was taken 9 s before that scan but written only after it.
        String late = UUID.randomUUID().toString();
        outbox.mark(late, 1, clock.instant().minusSeconds(9));
        clock.set(clock.instant().plusSeconds(1));
        assertThat(markers(outbox.pending(shardZero(), 500))).extracting(Outbox.Marker::uuid)
                .containsExactly(left, late);

        // A full batch: the next scan goes on from its newest marker, not from the scan's start.
        for (int i = 0; i < 5; i++) {
            outbox.mark(UUID.randomUUID().toString(), 1, clock.instant().plusMillis(i));
        }
        List<Outbox.Marker> first = markers(outbox.pending(shardZero(), 3));
        first.forEach(m -> outbox.unmark(m).join());
        clock.set(clock.instant().plus(Duration.ofMinutes(10)));
        List<Outbox.Marker> rest = markers(outbox.pending(shardZero(), 500));
        assertThat(rest).hasSize(4).doesNotContainAnyElementsOf(first);
    }

    @Test
    void markersOfTheEarlierOutboxTableAreMovedOverAndTheTableDropped() {
        String ks = infra.uniqueKeyspace("outbox_move");
        cql.execute("CREATE KEYSPACE " + ks
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        cql.execute(SimpleStatement.newInstance("CREATE TABLE " + ks + ".outbox (shard int, uuid text, version bigint,"
                + " created timestamp, PRIMARY KEY ((shard), uuid, version))").setTimeout(Duration.ofSeconds(60)));
        String uuid = UUID.randomUUID().toString();
        cql.execute("INSERT INTO " + ks + ".outbox (shard, uuid, version, created) VALUES (0, '" + uuid + "', 4, '"
                + T0 + "')");

        Outbox outbox = outbox(ks);

        assertThat(markers(outbox.pending(shardZero(), 500))).containsExactly(new Outbox.Marker(uuid, 4, T0));
        assertThat(cql.refreshSchema().getKeyspace(ks).orElseThrow().getTable("outbox")).isEmpty();
    }

    /** How many deleted cells Cassandra went through to answer the scan's query from {@code floor}, with tracing. */
    private int deletedCellsReadFrom(String ks, Instant floor) {
        ResultSet rs = cql.execute(SimpleStatement.newInstance("SELECT uuid FROM " + ks + ".outbox_by_time"
                + " WHERE shard = 0 AND created >= ? LIMIT 500", floor).setTracing(true));
        return rs.getExecutionInfo().getQueryTrace().getEvents().stream()
                .map(e -> e.getActivity())
                .filter(a -> a != null && a.matches("Read \\d+ live rows and \\d+ tombstone cells.*"))
                .mapToInt(a -> Integer.parseInt(a.replaceAll("Read \\d+ live rows and (\\d+) tombstone cells.*", "$1")))
                .sum();
    }
}
