package io.filament.configapi.service;

import io.filament.configapi.command.Command;
import io.filament.configapi.command.CommandHandler;
import io.filament.configapi.command.Decision;
import io.filament.configapi.command.ObjectChange;
import io.filament.configapi.command.ReadAhead;
import io.filament.configapi.error.ConflictException;
import io.filament.configapi.outbox.CommitsUnderWay;
import io.filament.configapi.store.CassandraConfigStore;
import io.filament.configapi.store.CommitConflict;
import io.filament.configapi.store.StageTimers;
import io.filament.configapi.store.StoreView;
import io.filament.configapi.store.StoredEvent;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Both doors (REST and the command topic) end here: decide against the committed state, commit, and decide again
 * when another writer won a race, a bounded number of times.
 */
public final class ConfigCommandService {

    private static final Logger log = LoggerFactory.getLogger(ConfigCommandService.class);
    private static final int ATTEMPTS = 32;

    private final CommandHandler handler;
    private final CassandraConfigStore store;
    private final Consumer<StoredEvent> committed;
    private final CommitsUnderWay underWay;
    private final StageTimers timers;

    /**
     * {@code committed} gets every event as soon as it is committed (the outbox relay publishes it at once), possibly
     * on one of the Cassandra driver's threads; {@code underWay} shows the objects of each commit until then.
     */
    public ConfigCommandService(CommandHandler handler, CassandraConfigStore store, Consumer<StoredEvent> committed,
                                CommitsUnderWay underWay, StageTimers timers) {
        this.underWay = underWay;
        this.timers = timers;
        this.handler = handler;
        this.store = store;
        this.committed = committed;
    }

    public Decision execute(Command command, Optional<String> correlationId) {
        String lastConflict = "";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try (StoreView view = store.view()) {
                view.readAhead(ReadAhead.of(handler.registry(), command));
                Decision decision = timers.time("decide", () -> handler.decide(view, command));
                if (decision.changes().isEmpty()) {
                    return decision;
                }
                List<String> uuids = decision.changes().stream().map(ObjectChange::uuid).toList();
                underWay.begin(uuids);
                try {
                    store.commit(decision, correlationId, committed);
                } finally {
                    underWay.end(uuids);
                }
                log.debug("Committed {} {}: {} change(s)", command.type().dashed(), decision.subjectUuid(),
                        decision.changes().size());
                return decision;
            } catch (CommitConflict e) {
                lastConflict = e.getMessage();
                timers.time("conflict", () -> { });
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(100_000, 1_000_000L * Math.min(attempt, 8)));
            }
        }
        log.warn("Gave up on {} after {} conflicting attempts: {}", command, ATTEMPTS, lastConflict);
        throw new ConflictException("Concurrent modification: " + lastConflict + " (gave up after " + ATTEMPTS
                + " attempts)");
    }
}
