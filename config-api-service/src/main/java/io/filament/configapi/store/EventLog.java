package io.filament.configapi.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.filament.configapi.command.ObjectChange;
import io.filament.contracts.config.ConfigOperation;
import io.filament.contracts.config.ConfigType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The append-only per-object event log; appending version n succeeds only once ({@code IF NOT EXISTS}). */
final class EventLog {

    private final CqlSession session;
    private final PreparedStatement append;
    private final PreparedStatement since;
    private final PreparedStatement latest;

    EventLog(CqlSession session, String ks) {
        this.session = session;
        append = session.prepare("INSERT INTO " + ks + ".object_events (uuid, version, type, operation, fq_name,"
                + " changed_fields, object, correlation_id, event_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " IF NOT EXISTS");
        since = session.prepare("SELECT * FROM " + ks + ".object_events WHERE uuid = ? AND version >= ?"
                + " ORDER BY version ASC LIMIT ?");
        latest = session.prepare("SELECT * FROM " + ks + ".object_events WHERE uuid = ? ORDER BY version DESC"
                + " LIMIT 1");
    }

    boolean append(ObjectChange change, Optional<String> correlationId, Instant time) {
        Row row = session.execute(append.bind(change.uuid(), change.version(), change.type().dashed(),
                change.operation().wireName(), change.fqName(), change.changedFields(), change.object().toString(),
                correlationId.orElse(null), time)).one();
        return row.getBoolean("[applied]");
    }

    /** The event {@link #append} stored for {@code change}, as {@link #since} would read it back. */
    static StoredEvent stored(ObjectChange change, Optional<String> correlationId, Instant time) {
        return new StoredEvent(change.type(), change.uuid(), change.version(), change.operation(), change.fqName(),
                change.changedFields(), change.object().toString(), correlationId,
                time.truncatedTo(ChronoUnit.MILLIS));
    }

    List<StoredEvent> since(String uuid, long fromVersion, int limit) {
        List<StoredEvent> events = new ArrayList<>();
        session.execute(since.bind(uuid, fromVersion, limit)).forEach(r -> events.add(read(r)));
        return events;
    }

    Optional<StoredEvent> latest(String uuid) {
        return Optional.ofNullable(session.execute(latest.bind(uuid)).one()).map(EventLog::read);
    }

    CompletableFuture<Optional<StoredEvent>> latestAsync(String uuid) {
        return session.executeAsync(latest.bind(uuid)).toCompletableFuture()
                .thenApply(rs -> Optional.ofNullable(rs.one()).map(EventLog::read));
    }

    private static StoredEvent read(Row r) {
        return new StoredEvent(ConfigType.fromDashed(r.getString("type")).orElseThrow(), r.getString("uuid"),
                r.getLong("version"), ConfigOperation.valueOf(r.getString("operation").toUpperCase(Locale.ROOT)),
                r.getList("fq_name", String.class), r.getList("changed_fields", String.class),
                r.getString("object"), Optional.ofNullable(r.getString("correlation_id")),
                r.getInstant("event_time"));
    }
}
