package io.filament.configapi.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.filament.configapi.command.Claim;
import io.filament.configapi.command.Decision;
import io.filament.configapi.command.IdPool;
import io.filament.configapi.command.ObjectChange;
import io.filament.configapi.command.RefLink;
import io.filament.configapi.command.StoredObject;
import io.filament.configapi.error.ConflictException;
import io.filament.configapi.ipam.IpAddress;
import io.filament.contracts.config.ConfigOperation;
import io.filament.contracts.config.ConfigType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The system of record in Cassandra. {@link #commit} is the only writer of config state: claims first, then one
 * lightweight transaction per event on {@code (uuid, version)}, then the read tables. A conflict anywhere before
 * the first event is committed gives every claim back, so a refused or lost attempt leaves nothing behind.
 */
public final class CassandraConfigStore {

    private static final Logger log = LoggerFactory.getLogger(CassandraConfigStore.class);
    /** How old a marker written with the claims may be when its event is appended; an older one is written again. */
    private static final Duration MARKER_FRESH_FOR = Duration.ofSeconds(5);

    private final CqlSession session;
    private final JsonMapper json;
    private final Clock clock;
    private final EventLog events;
    private final ClaimLedger ledger;
    private final OrphanClaims orphans;
    private final Projection projection;
    private final Outbox outbox;
    private final PreparedStatement byUuid;
    private final KnownNames names = new KnownNames();
    private final BodyCache bodies = new BodyCache(32_000_000);
    private final TypeListing listing;
    private final PreparedStatement children;
    private final PreparedStatement backRefs;
    private final Map<String, AddressBook> addressBooks = new ConcurrentHashMap<>();
    private final Map<IdPool, IdBook> idBooks = new EnumMap<>(IdPool.class);

    private final StageTimers timers;

    public CassandraConfigStore(CqlSession session, String keyspace, JsonMapper json, Clock clock, int outboxShards,
                                Duration claimGrace, StageTimers timers) {
        this.session = session;
        this.timers = timers;
        this.json = json;
        this.clock = clock;
        this.events = new EventLog(session, keyspace);
        this.ledger = new ClaimLedger(session, keyspace);
        this.orphans = new OrphanClaims(ledger, events, clock, claimGrace);
        this.projection = new Projection(session, keyspace);
        this.outbox = new Outbox(session, keyspace, outboxShards, 30, clock);
        byUuid = session.prepare("SELECT * FROM " + keyspace + ".objects_by_uuid WHERE uuid = ?");
        listing = new TypeListing(session, keyspace, bodies);
        children = session.prepare("SELECT * FROM " + keyspace + ".children WHERE parent_uuid = ?");
        backRefs = session.prepare("SELECT * FROM " + keyspace + ".back_refs WHERE to_uuid = ?");
        for (IdPool pool : IdPool.values()) {
            idBooks.put(pool, new IdBook(pool, () -> ledger.ids(pool)));
        }
    }

    public Outbox outbox() {
        return outbox;
    }

    EventLog events() {
        return events;
    }

    Projection projection() {
        return projection;
    }

    JsonMapper json() {
        return json;
    }

    /** A fresh read view for deciding one command. */
    public StoreView view() {
        return new StoreView(this);
    }

    public Optional<StoredObject> find(String uuid) {
        return StoreCalls.call("reading " + uuid, () ->
                Optional.ofNullable(session.execute(byUuid.bind(uuid)).one()).map(this::object));
    }

    /** {@link #find(String)} without waiting; {@link #joined} turns a driver failure into the same 503. */
    CompletableFuture<Optional<StoredObject>> findAsync(String uuid) {
        return session.executeAsync(byUuid.bind(uuid)).toCompletableFuture()
                .thenApply(rs -> Optional.ofNullable(rs.one()).map(this::object));
    }

    static <T> T joined(String what, CompletableFuture<T> read) {
        return StoreCalls.call(what, read::join);
    }

    public Optional<String> uuidOf(ConfigType type, List<String> fqName) {
        Optional<String> uuid = StoreCalls.call("looking up " + fqName,
                () -> ledger.uuidOf(type.dashed(), String.join(":", fqName)));
        uuid.ifPresent(u -> names.remember(type, fqName, u));
        return uuid;
    }

    /** A uuid this instance saw {@code fqName} name; callers must check the object they read with it. */
    Optional<String> uuidHint(ConfigType type, List<String> fqName) {
        return names.hint(type, fqName);
    }

    void forgetHint(ConfigType type, List<String> fqName) {
        names.forget(type, fqName);
    }

    public Optional<StoredObject> find(ConfigType type, List<String> fqName) {
        return StoreCalls.call("looking up " + fqName, () -> ledger.uuidOf(type.dashed(), String.join(":", fqName))
                .flatMap(this::find).filter(o -> o.type() == type));
    }

    /** Whether somebody holds the address; an orphaned claim (see {@link OrphanClaims}) does not count. */
    boolean addressHeld(String subnetUuid, IpAddress address) {
        return ledger.holding(new Claim.Address(subnetUuid, address, "", false)).filter(h -> !orphans.orphaned(h))
                .isPresent();
    }

    /**
     * 1 for a uuid without events; one past the last event when that event deleted the object. An object whose
     * events say it is alive but whose read row is missing (its writer stopped before projecting) is a conflict.
     */
    public long firstVersion(String uuid) {
        return firstVersion(uuid, StoreCalls.call("reading events of " + uuid, () -> events.latest(uuid)));
    }

    /** The newest event of {@code uuid}, read without waiting, for {@link #firstVersion(String, Optional)}. */
    CompletableFuture<Optional<StoredEvent>> latestEventAsync(String uuid) {
        return events.latestAsync(uuid);
    }

    long firstVersion(String uuid, Optional<StoredEvent> last) {
        if (last.isEmpty()) {
            return 1;
        }
        if (last.get().operation() != ConfigOperation.DELETED) {
            throw new ConflictException("UUID " + uuid + " already exists with fq_name " + last.get().fqName());
        }
        return last.get().version() + 1;
    }

    /** All objects of a type, ordered by uuid, bodies left unparsed. */
    public List<ListedObject> listRows(ConfigType type) {
        return StoreCalls.call("listing " + type.collection(), () -> listing.list(type));
    }

    public List<RefLink> children(String parentUuid) {
        return StoreCalls.call("reading children of " + parentUuid, () -> {
            List<RefLink> links = new ArrayList<>();
            for (Row r : session.execute(children.bind(parentUuid))) {
                links.add(new RefLink(ConfigType.fromDashed(r.getString("child_type")).orElseThrow(),
                        r.getString("child_uuid"), r.getList("fq_name", String.class), Optional.empty()));
            }
            return links;
        });
    }

    public List<RefLink> backRefs(String uuid) {
        return StoreCalls.call("reading back-refs of " + uuid, () -> {
            List<RefLink> links = new ArrayList<>();
            for (Row r : session.execute(backRefs.bind(uuid))) {
                String attr = r.getString("attr");
                links.add(new RefLink(ConfigType.fromDashed(r.getString("from_type")).orElseThrow(),
                        r.getString("from_uuid"), r.getList("fq_name", String.class),
                        Optional.ofNullable(attr).map(json::readTree)));
            }
            return links;
        });
    }

    private StoredObject object(Row r) {
        String body = r.getString("body");
        bodies.put(r.getString("uuid"), r.getLong("version"), body);
        return new StoredObject(ConfigType.fromDashed(r.getString("type")).orElseThrow(), r.getString("uuid"),
                r.getList("fq_name", String.class), Optional.ofNullable(r.getString("parent_uuid")),
                r.getLong("version"), (ObjectNode) json.readTree(body));
    }

    ClaimLedger ledger() {
        return ledger;
    }

    AddressBook addressBook(String subnetUuid) {
        return addressBooks.computeIfAbsent(subnetUuid, s -> new AddressBook(() ->
                StoreCalls.call("loading addresses of subnet " + s, () -> ledger.addresses(s))));
    }

    IdBook idBook(IdPool pool) {
        return idBooks.get(pool);
    }

    /**
     * Commits a decision, handing each event to {@code appended} as soon as it is in the log and the read tables (the
     * addressed object's before the others; the first may be handed over on a driver thread, so {@code appended} must
     * be safe to call from any thread and quick). Throws {@link CommitConflict} when the attempt lost a race and should
     * be decided again, {@link ConflictException} for a requested fq_name or address that somebody holds.
     *
     * <p>Round trips that do not depend on each other overlap: the claims are taken in parallel (but for the names of
     * new objects, see {@link #takeAll}), and the outbox markers of a decision with claims are written meanwhile (a
     * marker only has to exist before its event commits; one whose event never commits is dropped by the relay once
     * it is old). The first event's read tables are written while the events that follow it are appended.
     */
    public void commit(Decision decision, Optional<String> correlationId, Consumer<StoredEvent> appended) {
        StoreCalls.run("committing " + decision.subjectUuid(), () -> {
            Instant time = clock.instant();
            List<CompletableFuture<Void>> early = decision.claims().isEmpty() ? List.of()
                    : decision.changes().stream().map(c -> markAsync(c.uuid(), c.version(), time)).toList();
            List<Claim> taken = timers.time("claim", () -> takeAll(decision.claims()));
            StoredEvent primary;
            CompletableFuture<Void> projected;
            Optional<Instant> markedAt;
            try {
                if (orphans.expired(time)) {
                    throw new CommitConflict("claims of " + decision.subjectUuid() + " were taken too long ago"
                            + " to append safely");
                }
                early.forEach(CompletableFuture::join);
                markedAt = early.isEmpty() || Duration.between(time, clock.instant()).compareTo(MARKER_FRESH_FOR) > 0
                        ? Optional.empty() : Optional.of(time);
                ObjectChange first = decision.changes().getFirst();
                primary = appendPrimary(first, correlationId, markedAt);
                projected = projectAsync(first);
            } catch (RuntimeException e) {
                taken.forEach(this::giveBack);
                throw e;
            }
            CompletableFuture<Void> handedOver = projected.thenRun(() -> appended.accept(primary));
            List<Appended> following = decision.changes().stream().skip(1)
                    .flatMap(change -> appendFollowing(change, correlationId, markedAt).stream()).toList();
            handedOver.join();
            following.forEach(f -> {
                f.projected().join();
                appended.accept(f.event());
            });
            decision.claims().forEach(this::settled);
            timers.time("release", () -> decision.releases().forEach(this::release));
        });
    }

    /** An event in the log, and its read tables being written. */
    private record Appended(StoredEvent event, CompletableFuture<Void> projected) {
    }

    /**
     * Takes the claims. The names of new objects decide which of two racing commands wins, so they are won one after
     * another in the decision's order (the addressed object's first): a command that lost the first name never takes
     * a later one from the command that won it. Everything else (ids, addresses, a name that is the object's own
     * uuid) is taken at once, together with the first name. When any claim is refused, gives back the ones taken and
     * throws the first refusal; otherwise returns them all.
     */
    private List<Claim> takeAll(List<Claim> claims) {
        List<Claim> names = claims.stream().filter(c -> c instanceof Claim.FqName && !ClaimLedger.selfNamed(c))
                .toList();
        List<Claim> later = names.isEmpty() ? List.of() : names.subList(1, names.size());
        List<Claim> taken = new ArrayList<>(takeTogether(claims.stream().filter(c -> !later.contains(c)).toList()));
        try {
            for (Claim name : later) {
                taken.addAll(takeTogether(List.of(name)));
            }
        } catch (RuntimeException e) {
            taken.forEach(this::giveBack);
            throw e;
        }
        return taken;
    }

    /** Takes {@code claims} in parallel; when any is refused, gives back the others and throws the first refusal. */
    private List<Claim> takeTogether(List<Claim> claims) {
        List<CompletableFuture<Optional<String>>> attempts = claims.stream().map(ledger::claimAsync).toList();
        List<Claim> taken = new ArrayList<>();
        RuntimeException refused = null;
        for (int i = 0; i < claims.size(); i++) {
            try {
                take(claims.get(i), attempts.get(i).join());
                taken.add(claims.get(i));
            } catch (RuntimeException e) {
                refused = refused == null ? e : refused;
            }
        }
        if (refused != null) {
            taken.forEach(this::giveBack);
            throw refused;
        }
        return taken;
    }

    /** Settles one claim's first answer: an orphaned holder is released and the claim taken again. */
    private void take(Claim claim, Optional<String> firstHolder) {
        Optional<String> holder = firstHolder;
        if (holder.isPresent() && orphans.releaseIfOrphaned(claim, holder.get())) {
            holder = ledger.claim(claim);
        }
        if (holder.isEmpty()) {
            return;
        }
        switch (claim) {
            case Claim.FqName f -> throw new ConflictException("[" + f.fqName().replace(":", ", ")
                    + "] already exists with uuid: " + holder.get());
            case Claim.Address a when a.automatic() -> {
                addressBook(a.subnetUuid()).lost(a.address());
                throw new CommitConflict("address " + a.address() + " was taken by " + holder.get());
            }
            case Claim.Address a -> throw new ConflictException("IP address " + a.address()
                    + " already in use by " + holder.get());
            case Claim.Id i -> {
                idBook(i.pool()).taken(i.id());
                throw new CommitConflict(i.pool() + " " + i.id() + " was taken by " + holder.get());
            }
        }
    }

    private void giveBack(Claim claim) {
        if (!ClaimLedger.selfNamed(claim)) {
            ledger.release(claim);
        }
        switch (claim) {
            case Claim.Address a -> addressBook(a.subnetUuid()).unreserve(a.address());
            case Claim.Id i -> idBook(i.pool()).unreserve(i.id());
            case Claim.FqName f -> { }
        }
    }

    private void settled(Claim claim) {
        switch (claim) {
            case Claim.Address a -> addressBook(a.subnetUuid()).taken(a.address());
            case Claim.Id i -> idBook(i.pool()).taken(i.id());
            case Claim.FqName f -> { }
        }
    }

    private void release(Claim claim) {
        ledger.release(claim);
        switch (claim) {
            case Claim.Address a -> addressBook(a.subnetUuid()).freed(a.address());
            case Claim.Id i -> idBook(i.pool()).freed(i.id());
            case Claim.FqName f -> { }
        }
    }

    private CompletableFuture<Void> markAsync(String uuid, long version, Instant time) {
        return timers.timeAsync("mark", () -> outbox.markAsync(uuid, version, time));
    }

    /** Appends the command's own event, after writing its marker unless one was written at {@code markedAt}. */
    private StoredEvent appendPrimary(ObjectChange change, Optional<String> correlationId,
                                      Optional<Instant> markedAt) {
        Instant time = markedAt.orElseGet(() -> markNow(change));
        if (!timers.time("append", () -> events.append(change, correlationId, time))) {
            throw new CommitConflict(change.type().dashed() + " " + change.uuid() + " version " + change.version()
                    + " was written by another request");
        }
        return EventLog.stored(change, correlationId, time);
    }

    private Instant markNow(ObjectChange change) {
        Instant time = clock.instant();
        markAsync(change.uuid(), change.version(), time).join();
        return time;
    }

    /**
     * Appends an event that follows the command's primary one. New objects cannot collide; an update of an existing
     * object (a virtual-router's VM refs) is rebased onto its newest version when somebody changed it meanwhile, with
     * a marker of its own.
     */
    private Optional<Appended> appendFollowing(ObjectChange change, Optional<String> correlationId,
                                               Optional<Instant> markedAt) {
        ObjectChange attempt = change;
        Optional<Instant> marked = markedAt;
        for (int tries = 0; tries < 20; tries++) {
            ObjectChange current = attempt;
            Instant time = marked.orElseGet(() -> markNow(current));
            if (events.append(attempt, correlationId, time)) {
                return Optional.of(new Appended(EventLog.stored(attempt, correlationId, time), projectAsync(attempt)));
            }
            StoredEvent newest = events.latest(attempt.uuid()).orElseThrow();
            attempt = RefRebase.onto(change, newest.version(), (ObjectNode) json.readTree(newest.objectJson()));
            marked = Optional.empty();
        }
        log.error("Gave up appending {} {} after repeated conflicts", change.type().dashed(), change.uuid());
        return Optional.empty();
    }

    /** Committed events of {@code uuid} from {@code fromVersion} on, oldest first. */
    public List<StoredEvent> eventsSince(String uuid, long fromVersion, int limit) {
        return StoreCalls.call("reading events of " + uuid, () -> events.since(uuid, fromVersion, limit));
    }

    /**
     * Applies a committed event to the read tables again, unless they already show it (writes are idempotent, so
     * this only matters when the writer stopped between its commit and its own projection).
     */
    public void reproject(StoredEvent event, Optional<StoredEvent> previous) {
        if (event.operation() != ConfigOperation.DELETED
                && find(event.uuid()).filter(o -> o.version() >= event.version()).isPresent()) {
            return;
        }
        projection.apply(event.type(), event.uuid(), event.version(), event.operation(), event.fqName(),
                json.readTree(event.objectJson()), previous.map(p -> json.readTree(p.objectJson())));
    }

    private CompletableFuture<Void> projectAsync(ObjectChange change) {
        return timers.timeAsync("project", () -> projection.applyAsync(change.type(), change.uuid(), change.version(),
                change.operation(), change.fqName(), change.object(), change.previous().map(p -> (JsonNode) p)));
    }
}
