package io.filament.configapi.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Markers of events not yet on Kafka, sharded by object uuid so that one relay owns all events of an object.
 * A marker is written before the event's lightweight transaction: an event that committed always has one; a marker
 * whose event never committed is dropped by the relay once it is old.
 *
 * <p>A shard's markers are ordered by the time they were written ({@code outbox_by_time}), and every marker is
 * deleted once its event is on Kafka. A scan therefore reads a shard from a floor on: the oldest marker the previous
 * scan left in place, at most {@link #WRITE_MARGIN} before that scan started (a marker is written within that time of
 * taking its timestamp, and the config-api instances' clocks must agree to within it). The deletion markers
 * (tombstones) of everything relayed before the floor are never read again; a scan of the whole shard, tombstones
 * and all, happens only once per relay start. The floors are the relay thread's: only it calls {@link #pending}.
 */
public final class Outbox {

    /** How far behind the start of the previous scan the next one starts reading, at the latest. */
    static final Duration WRITE_MARGIN = Duration.ofSeconds(10);

    /** A marker: object {@code uuid} has an event of {@code version} to publish. */
    public record Marker(String uuid, long version, Instant created) {
    }

    private final CqlSession session;
    private final int shards;
    private final PreparedStatement mark;
    private final PreparedStatement pending;
    private final PreparedStatement unmark;
    private final PreparedStatement progress;
    private final PreparedStatement advance;
    private final PreparedStatement acquire;
    private final PreparedStatement renew;
    private final Clock clock;
    /** Per shard: where the next scan starts, at the latest (relay thread). */
    private final Instant[] floors;
    /** Per shard: the markers the last scan returned that have not been deleted since (relay thread). */
    private final List<Set<Marker>> leftByLastScan = new ArrayList<>();

    Outbox(CqlSession session, String ks, int shards, int leaseSeconds, Clock clock) {
        this.session = session;
        this.shards = shards;
        this.clock = clock;
        this.floors = new Instant[shards];
        Arrays.fill(floors, Instant.EPOCH);
        for (int i = 0; i < shards; i++) {
            leftByLastScan.add(new HashSet<>());
        }
        mark = session.prepare("INSERT INTO " + ks + ".outbox_by_time (shard, created, uuid, version)"
                + " VALUES (?, ?, ?, ?)");
        pending = session.prepare("SELECT uuid, version, created FROM " + ks + ".outbox_by_time"
                + " WHERE shard = ? AND created >= ? LIMIT ?");
        unmark = session.prepare("DELETE FROM " + ks + ".outbox_by_time"
                + " WHERE shard = ? AND created = ? AND uuid = ? AND version = ?");
        progress = session.prepare("SELECT published FROM " + ks + ".relay_progress WHERE uuid = ?");
        advance = session.prepare("UPDATE " + ks + ".relay_progress SET published = ? WHERE uuid = ?");
        acquire = session.prepare("INSERT INTO " + ks + ".relay_leases (shard, owner) VALUES (?, ?) IF NOT EXISTS"
                + " USING TTL " + leaseSeconds);
        renew = session.prepare("UPDATE " + ks + ".relay_leases USING TTL " + leaseSeconds + " SET owner = ?"
                + " WHERE shard = ? IF owner = ?");
    }

    public int shards() {
        return shards;
    }

    public int shardOf(String uuid) {
        return Math.floorMod(uuid.hashCode(), shards);
    }

    /** Writes the marker of an event whose timestamp is {@code created} (the event's own time). */
    void mark(String uuid, long version, Instant created) {
        session.execute(mark.bind(shardOf(uuid), created, uuid, version));
    }

    /** {@link #mark} without waiting; the returned stage completes when the marker is written. */
    CompletableFuture<Void> markAsync(String uuid, long version, Instant created) {
        return written(session.executeAsync(mark.bind(shardOf(uuid), created, uuid, version)));
    }

    /**
     * Up to {@code limit} markers of each of {@code shards}, oldest first, read in parallel from each shard's floor;
     * shards without any are left out. Moves each floor on first (see the class comment).
     */
    public Map<Integer, List<Marker>> pending(BitSet shards, int limit) {
        Instant scanStart = clock.instant();
        Map<Integer, CompletableFuture<AsyncResultSet>> reads = new LinkedHashMap<>();
        for (int shard = shards.nextSetBit(0); shard >= 0; shard = shards.nextSetBit(shard + 1)) {
            reads.put(shard, session.executeAsync(pending.bind(shard, floor(shard), limit)).toCompletableFuture());
        }
        Map<Integer, List<Marker>> found = new LinkedHashMap<>();
        reads.forEach((shard, read) -> {
            List<Marker> markers = new ArrayList<>();
            for (Row r : read.join().currentPage()) {
                markers.add(new Marker(r.getString(0), r.getLong(1), r.getInstant(2)));
            }
            Instant next = scanStart.minus(WRITE_MARGIN);
            if (markers.size() >= limit) {
                next = min(next, markers.getLast().created());
            }
            floors[shard] = next;
            leftByLastScan.get(shard).clear();
            leftByLastScan.get(shard).addAll(markers);
            if (!markers.isEmpty()) {
                found.put(shard, markers);
            }
        });
        return found;
    }

    /** Where the next scan of {@code shard} starts reading: its floor, or the oldest marker left in place. */
    Instant floor(int shard) {
        Instant floor = floors[shard];
        for (Marker left : leftByLastScan.get(shard)) {
            floor = min(floor, left.created());
        }
        return floor;
    }

    /**
     * Deletes the marker of an event that is on Kafka, or of one that never committed; the returned stage completes
     * when the deletion is written. The next scan forgets the marker at once (relay thread).
     */
    public CompletableFuture<Void> unmark(Marker marker) {
        int shard = shardOf(marker.uuid());
        leftByLastScan.get(shard).remove(marker);
        return written(session.executeAsync(unmark.bind(shard, marker.created(), marker.uuid(), marker.version())));
    }

    /** Deletes the marker of a committed event, written with the event's {@code time}, that is on Kafka. */
    public CompletableFuture<Void> unmark(String uuid, long version, Instant time) {
        return unmark(new Marker(uuid, version, time.truncatedTo(ChronoUnit.MILLIS)));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    public long published(String uuid) {
        Row row = session.execute(progress.bind(uuid)).one();
        return row == null ? 0 : row.getLong(0);
    }

    /**
     * Records that {@code version} of {@code uuid} is on Kafka; the returned stage completes when that is written.
     * Writes of one object may land out of order: the driver's client-side timestamps keep the one issued last.
     */
    public CompletableFuture<Void> advance(String uuid, long version) {
        return written(session.executeAsync(advance.bind(version, uuid)));
    }

    /**
     * Takes or keeps the lease of every shard for {@code owner}, all shards' lightweight transactions in parallel;
     * returns the shards it holds (a shard another instance holds is left out).
     */
    public BitSet lease(String owner) {
        BitSet held = new BitSet();
        List<CompletableFuture<AsyncResultSet>> renewals = new ArrayList<>();
        for (int shard = 0; shard < shards; shard++) {
            renewals.add(session.executeAsync(renew.bind(owner, shard, owner)).toCompletableFuture());
        }
        Map<Integer, CompletableFuture<AsyncResultSet>> acquisitions = new LinkedHashMap<>();
        for (int shard = 0; shard < shards; shard++) {
            if (renewals.get(shard).join().wasApplied()) {
                held.set(shard);
            } else {
                acquisitions.put(shard, session.executeAsync(acquire.bind(shard, owner)).toCompletableFuture());
            }
        }
        acquisitions.forEach((shard, acquisition) -> held.set(shard, acquisition.join().wasApplied()));
        return held;
    }

    private static CompletableFuture<Void> written(CompletionStage<AsyncResultSet> write) {
        return write.toCompletableFuture().thenApply(rs -> null);
    }
}
