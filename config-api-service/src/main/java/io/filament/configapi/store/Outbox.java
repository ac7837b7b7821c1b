package io.filament.configapi.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Markers of events not yet on Kafka, sharded by object uuid so that one relay owns all events of an object.
 * A marker is written before the event's lightweight transaction: an event that committed always has one; a marker
 * whose event never committed is dropped by the relay once it is old.
 */
public final class Outbox {

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

    Outbox(CqlSession session, String ks, int shards, int leaseSeconds) {
        this.session = session;
        this.shards = shards;
        mark = session.prepare("INSERT INTO " + ks + ".outbox (shard, uuid, version, created) VALUES (?, ?, ?, ?)");
        pending = session.prepare("SELECT uuid, version, created FROM " + ks + ".outbox WHERE shard = ? LIMIT ?");
        unmark = session.prepare("DELETE FROM " + ks + ".outbox WHERE shard = ? AND uuid = ? AND version = ?");
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

    void mark(String uuid, long version, Instant now) {
        session.execute(mark.bind(shardOf(uuid), uuid, version, now));
    }

    /** Up to {@code limit} markers of each of {@code shards}, read in parallel; shards without any are left out. */
    public Map<Integer, List<Marker>> pending(BitSet shards, int limit) {
        Map<Integer, CompletableFuture<AsyncResultSet>> reads = new LinkedHashMap<>();
        for (int shard = shards.nextSetBit(0); shard >= 0; shard = shards.nextSetBit(shard + 1)) {
            reads.put(shard, session.executeAsync(pending.bind(shard, limit)).toCompletableFuture());
        }
        Map<Integer, List<Marker>> found = new LinkedHashMap<>();
        reads.forEach((shard, read) -> {
            List<Marker> markers = new ArrayList<>();
            for (Row r : read.join().currentPage()) {
                markers.add(new Marker(r.getString(0), r.getLong(1), r.getInstant(2)));
            }
            if (!markers.isEmpty()) {
                found.put(shard, markers);
            }
        });
        return found;
    }

    public void unmark(String uuid, long version) {
        session.execute(unmark.bind(shardOf(uuid), uuid, version));
    }

    public long published(String uuid) {
        Row row = session.execute(progress.bind(uuid)).one();
        return row == null ? 0 : row.getLong(0);
    }

    public void advance(String uuid, long version) {
        session.execute(advance.bind(version, uuid));
    }

    /** Takes or keeps the lease of {@code shard} for {@code owner}; false while another instance holds it. */
    public boolean lease(int shard, String owner) {
        if (session.execute(renew.bind(owner, shard, owner)).wasApplied()) {
            return true;
        }
        return session.execute(acquire.bind(shard, owner)).wasApplied();
    }
}
