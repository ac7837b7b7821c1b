package io.filament.configapi.outbox;

import io.filament.configapi.store.CassandraConfigStore;
import io.filament.configapi.store.Outbox;
import io.filament.configapi.store.StoredEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves committed events from the Cassandra outbox to Kafka, per object in version order; owns its thread.
 *
 * <p>A plain Kafka producer rather than a Spring Cloud Stream binding: the relay must know, record by record,
 * whether Kafka acknowledged, so that it advances {@code relay_progress} and deletes outbox markers only for events
 * that are on both topics, and keeps retrying the rest while Kafka is down. The idempotent producer keeps per-key
 * order across its own retries. Each outbox shard is relayed by one instance at a time (a TTL lease), so several
 * config-api instances do not publish the same event twice in normal operation.
 *
 * <p>Two paths lead to Kafka, both on the relay's one thread so that an object's events leave in version order. The
 * fast path takes the events this instance just committed ({@link #committed}) straight from memory: an event whose
 * predecessor is already published is sent at once, without reading the outbox. The scan reads the outbox shards
 * every {@link #SCAN_INTERVAL} (every {@link #QUIET_SCAN_INTERVAL} once scans have found nothing for a minute) and
 * right after a fresh event could not go out (its predecessor not yet published, its shard relayed by another
 * instance, Kafka failing); it publishes whatever a crash, another instance or a failure left behind, reading the
 * events back from the log.
 *
 * <p>Delivery is at least once: if the broker stores a batch but dies before acknowledging it, the relay publishes
 * those events again. Duplicates carry the same {@code ce_id} ({@code <uuid>.<version>}), so consumers drop them by
 * object version.
 */
public final class OutboxRelay implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;
    private static final Duration DANGLING_AFTER = Duration.ofSeconds(60);
    private static final Duration LEASE_RENEWAL = Duration.ofSeconds(5);
    private static final Duration SCAN_INTERVAL = Duration.ofMillis(200);
    /** Between scans once none has found anything to publish for {@link #QUIET_AFTER}. */
    private static final Duration QUIET_SCAN_INTERVAL = Duration.ofSeconds(1);
    private static final Duration QUIET_AFTER = Duration.ofSeconds(60);
    private static final int WRITES_IN_FLIGHT = 512;

    private final CassandraConfigStore store;
    private final Outbox outbox;
    private final Producer<String, byte[]> producer;
    private final CloudEventRecords records;
    private final TopicProvisioner topics;
    private final Clock clock;
    private final String instance;
    private final CommitsUnderWay underWay;
    private final Semaphore wakeUp = new Semaphore(0);
    private final Queue<StoredEvent> fresh = new ConcurrentLinkedQueue<>();
    private final InFlightWrites bookkeeping = new InFlightWrites(WRITES_IN_FLIGHT);
    private final PublishedVersions publishedVersions = new PublishedVersions(65_536);
    private long nextScanAt;
    /** Whether the fast path left an event behind during the last scan, so that the next one comes at once. */
    private boolean leftBehindInScan;
    private long lastFoundAt;
    private final java.util.concurrent.atomic.AtomicLong commits = new java.util.concurrent.atomic.AtomicLong();
    private volatile long caughtUpWith = -1;
    private final BitSet owned = new BitSet();
    /** Per shard: when this instance last took its lease (epoch milliseconds), while it holds it. */
    private final long[] heldSince;
    private final Set<String> halfDone = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private long leasesRenewedAt;
    private volatile boolean running = true;
    /** Events sent from memory right after their commit, and events the scan read back from the log and sent. */
    private final Counter sentFresh;
    private final Counter sentByScan;
    /** Scans due by the timer, and scans started at once because a fresh event had to stay for one. */
    private final Counter timedScans;
    private final Counter leftBehindScans;
    private volatile Optional<Instant> failingSince = Optional.empty();
    private volatile String lastFailure = "";
    private long backoffMillis;

    public OutboxRelay(CassandraConfigStore store, Producer<String, byte[]> producer, CloudEventRecords records,
                       TopicProvisioner topics, Clock clock, String instance, MeterRegistry registry,
                       CommitsUnderWay underWay) {
        this.store = store;
        this.outbox = store.outbox();
        this.producer = producer;
        this.records = records;
        this.topics = topics;
        this.clock = clock;
        this.instance = instance;
        this.underWay = underWay;
        this.heldSince = new long[outbox.shards()];
        this.sentFresh = sentCounter(registry, "fresh");
        this.sentByScan = sentCounter(registry, "scan");
        this.timedScans = scanCounter(registry, "timer");
        this.leftBehindScans = scanCounter(registry, "left-behind");
    }

    private static Counter sentCounter(MeterRegistry registry, String path) {
        return Counter.builder("filament.config.relay.events").tag("path", path)
                .description("Events the outbox relay sent to Kafka, by the path that sent them").register(registry);
    }

    private static Counter scanCounter(MeterRegistry registry, String trigger) {
        return Counter.builder("filament.config.relay.scans").tag("trigger", trigger)
                .description("Passes over the outbox shards, by what started them").register(registry);
    }

    /** Called with each event as soon as it is committed, so that it leaves without waiting for a scan. */
    public void committed(StoredEvent event) {
        fresh.add(event);
        commits.incrementAndGet();
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    /**
     * Whether a full pass over this instance's shards found nothing to publish after the latest commit of this
     * instance: everything it committed is on Kafka.
     */
    public boolean caughtUp() {
        return caughtUpWith == commits.get();
    }

    /** Since when publishing fails (Kafka or the store unreachable); empty while the relay keeps up. */
    public Optional<Instant> failingSince() {
        return failingSince;
    }

    public String lastFailure() {
        return lastFailure;
    }

    public void stop() {
        running = false;
        wakeUp.release();
    }

    @Override
    public void run() {
        log.info("Outbox relay {} started over {} shards", instance, outbox.shards());
        while (running) {
            boolean busy = false;
            long commitsSeen = commits.get();
            try {
                topics.ensure();
                renewLeases();
                boolean leftBehind = publishFresh() || leftBehindInScan;
                if (leftBehind || clock.millis() >= nextScanAt) {
                    (leftBehind ? leftBehindScans : timedScans).increment();
                    busy = scan();
                    nextScanAt = nextScan(busy);
                    if (!busy && fresh.isEmpty()) {
                        caughtUpWith = commitsSeen;
                    }
                }
                if (backoffMillis > 0) {
                    log.info("Outbox relay: Kafka reachable again");
                }
                backoffMillis = 0;
                failingSince = Optional.empty();
            } catch (RuntimeException e) {
                backoffMillis = Math.min(5_000, Math.max(100, backoffMillis * 2));
                lastFailure = String.valueOf(e.getMessage());
                if (failingSince.isEmpty()) {
                    failingSince = Optional.of(clock.instant());
                }
                nextScanAt = 0;
                log.warn("Outbox relay: cannot publish yet ({}); retrying in {} ms", e.getMessage(), backoffMillis);
            }
            pause(busy ? 0 : backoffMillis > 0 ? backoffMillis : Math.max(1, nextScanAt - clock.millis()));
        }
        bookkeeping.awaitAll();
        log.info("Outbox relay {} stopped", instance);
    }

    /**
     * When to scan next: in {@link #SCAN_INTERVAL} while scans found events to publish (another instance's, say)
     * within the last {@link #QUIET_AFTER}, else in {@link #QUIET_SCAN_INTERVAL}, sparing the store 80 % of the
     * reads of an idle relay.
     */
    private long nextScan(boolean found) {
        long now = clock.millis();
        if (found) {
            lastFoundAt = now;
        }
        boolean quiet = now - lastFoundAt > QUIET_AFTER.toMillis();
        return now + (quiet ? QUIET_SCAN_INTERVAL : SCAN_INTERVAL).toMillis();
    }

    /**
     * One pass over this instance's shards (their markers read in parallel); true when it published something. The
     * markers of objects whose commit is under way here are set aside for the fast path (or, if that commit fails,
     * for a later scan). A commit no longer under way has handed its events over, so the fast path sends those before
     * the scan looks at their objects' progress, and the scan finds them published.
     */
    private boolean scan() {
        bookkeeping.awaitAll();
        Map<Integer, List<Outbox.Marker>> toRelay = new LinkedHashMap<>();
        outbox.pending(owned, BATCH).forEach((shard, markers) -> toRelay.put(shard,
                markers.stream().filter(m -> !underWay.underWay(m.uuid())).toList()));
        leftBehindInScan = publishFresh();
        bookkeeping.awaitAll();
        boolean published = false;
        for (var shard : toRelay.entrySet()) {
            renewLeases();
            if (owned.get(shard.getKey()) && !shard.getValue().isEmpty()) {
                published |= relayShard(shard.getValue());
            }
        }
        return published;
    }

    /**
     * Publishes the events committed since the last call whose predecessor is on Kafka; true when one had to stay for
     * the scan. On a Kafka failure the events stay in the outbox (their markers are untouched) and the scan retries.
     */
    private boolean publishFresh() {
        List<StoredEvent> batch = new ArrayList<>();
        for (StoredEvent e = fresh.poll(); e != null; e = fresh.poll()) {
            batch.add(e);
        }
        if (batch.isEmpty()) {
            return false;
        }
        boolean leftBehind = false;
        Map<String, Long> before = new LinkedHashMap<>();
        Map<String, List<Sent>> sent = new LinkedHashMap<>();
        for (StoredEvent event : batch) {
            if (!owned.get(outbox.shardOf(event.uuid()))) {
                leftBehind = true;
                continue;
            }
            long published = before.computeIfAbsent(event.uuid(), u -> publishedVersion(event));
            List<Sent> ofObject = sent.computeIfAbsent(event.uuid(), u -> new ArrayList<>());
            long next = (ofObject.isEmpty() ? published : ofObject.getLast().version()) + 1;
            if (event.version() < next) {
                continue;
            }
            if (event.version() > next) {
                leftBehind = true;
                continue;
            }
            ofObject.add(send(event));
            sentFresh.increment();
        }
        if (sent.values().stream().allMatch(List::isEmpty)) {
            return leftBehind;
        }
        producer.flush();
        RuntimeException failure = null;
        for (var entry : sent.entrySet()) {
            String uuid = entry.getKey();
            List<Sent> ofObject = entry.getValue();
            if (ofObject.isEmpty()) {
                continue;
            }
            long reached = acknowledge(uuid, before.get(uuid), ofObject);
            ofObject.stream().filter(x -> x.version() <= reached)
                    .forEach(x -> bookkeeping.add(outbox.unmark(uuid, x.version(), x.time())));
            if (reached < ofObject.getLast().version()) {
                failure = unacknowledged(uuid, reached + 1);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return leftBehind;
    }

    /**
     * Records what Kafka acknowledged of {@code sent}, one object's events in version order after version
     * {@code before}: the object's progress advances to the last event before the first unacknowledged one, whose
     * version is returned. The events after that one are left to the scan, which sends them again after it, so the
     * topic never holds a newer version of an object before an older one.
     */
    private long acknowledge(String uuid, long before, List<Sent> sent) {
        long reached = before;
        for (Sent s : sent) {
            if (!acknowledged(s)) {
                break;
            }
            reached = s.version();
        }
        if (reached > before) {
            bookkeeping.add(outbox.advance(uuid, reached));
        }
        publishedVersions.put(uuid, reached);
        return reached;
    }

    private static IllegalStateException unacknowledged(String uuid, long version) {
        return new IllegalStateException("Kafka did not acknowledge " + uuid + " v" + version);
    }

    /**
     * The version of {@code event}'s object that is on Kafka. For the first version of an object, committed after
     * this instance took its shard's lease, that is none, without reading {@code relay_progress}: only this relay can
     * have published it since, and it would remember.
     */
    private long publishedVersion(StoredEvent event) {
        Optional<Long> remembered = publishedVersions.get(event.uuid());
        if (remembered.isPresent()) {
            return remembered.get();
        }
        boolean createdWhileHeld = event.version() == 1
                && heldSince[outbox.shardOf(event.uuid())] < event.time().toEpochMilli();
        return createdWhileHeld ? 0 : outbox.published(event.uuid());
    }

    private void pause(long millis) {
        try {
            if (millis > 0 && wakeUp.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
                wakeUp.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /**
     * Renews this instance's shard leases every {@link #LEASE_RENEWAL}, also between shards of one pass, so that a
     * slow pass never publishes from a shard whose lease (TTL {@code 6 × LEASE_RENEWAL}) another instance took over.
     */
    private void renewLeases() {
        long now = clock.millis();
        if (now - leasesRenewedAt < LEASE_RENEWAL.toMillis() && !owned.isEmpty()) {
            return;
        }
        BitSet held = outbox.lease(instance);
        if (!owned.equals(held)) {
            // another instance may have published while it held a shard: what this one remembers may be behind
            publishedVersions.clear();
            for (int shard = held.nextSetBit(0); shard >= 0; shard = held.nextSetBit(shard + 1)) {
                if (!owned.get(shard)) {
                    heldSince[shard] = now;
                }
            }
            owned.clear();
            owned.or(held);
        }
        leasesRenewedAt = now;
    }

    /** Publishes what one shard has pending ({@code markers}); true when it sent something. */
    private boolean relayShard(List<Outbox.Marker> markers) {
        Map<String, List<Outbox.Marker>> byObject = new LinkedHashMap<>();
        markers.forEach(m -> byObject.computeIfAbsent(m.uuid(), u -> new ArrayList<>()).add(m));
        Map<String, List<Sent>> sent = new LinkedHashMap<>();
        Map<String, Long> published = new LinkedHashMap<>();
        for (var entry : byObject.entrySet()) {
            long done = outbox.published(entry.getKey());
            published.put(entry.getKey(), done);
            sent.put(entry.getKey(), sendFromLog(entry.getKey(), done));
        }
        producer.flush();
        RuntimeException failure = null;
        for (var entry : byObject.entrySet()) {
            String uuid = entry.getKey();
            List<Sent> ofObject = sent.get(uuid);
            long reached = acknowledge(uuid, published.get(uuid), ofObject);
            if (!ofObject.isEmpty() && reached < ofObject.getLast().version()) {
                failure = unacknowledged(uuid, reached + 1);
            }
            for (Outbox.Marker m : entry.getValue()) {
                boolean dangling = m.version() > reached && sent.get(uuid).isEmpty()
                        && m.created().plus(DANGLING_AFTER).isBefore(clock.instant());
                if (m.version() <= reached || dangling) {
                    bookkeeping.add(outbox.unmark(m));
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return sent.values().stream().anyMatch(list -> !list.isEmpty());
    }

    /**
     * The two records of one event; either may already have been acknowledged in an earlier attempt. {@code time} is
     * the event's, which its outbox marker was written with.
     */
    private record Sent(String id, long version, Instant time, Optional<Future<RecordMetadata>> event,
                        Optional<Future<RecordMetadata>> snapshot) {
    }

    /**
     * Whether both records of {@code s} are on Kafka. A record acknowledged while its sibling failed is remembered,
     * so that the retry sends only the missing one instead of duplicating the other.
     */
    private boolean acknowledged(Sent s) {
        boolean event = s.event().map(f -> remember(f, s.id() + "/event")).orElse(true);
        boolean snapshot = s.snapshot().map(f -> remember(f, s.id() + "/snapshot")).orElse(true);
        if (event && snapshot) {
            halfDone.remove(s.id() + "/event");
            halfDone.remove(s.id() + "/snapshot");
        }
        return event && snapshot;
    }

    private boolean remember(Future<RecordMetadata> future, String key) {
        try {
            future.get();
            halfDone.add(key);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Sends the events of {@code uuid} after version {@code published}, read back from the log, in order. */
    private List<Sent> sendFromLog(String uuid, long published) {
        List<StoredEvent> events = store.eventsSince(uuid, Math.max(1, published), BATCH);
        List<Sent> sent = new ArrayList<>();
        Optional<StoredEvent> previous = Optional.empty();
        long expected = published + 1;
        for (StoredEvent event : events) {
            if (event.version() <= published) {
                previous = Optional.of(event);
                continue;
            }
            if (event.version() != expected) {
                break;
            }
            store.reproject(event, previous);
            sent.add(send(event));
            sentByScan.increment();
            previous = Optional.of(event);
            expected++;
        }
        return sent;
    }

    /** Sends both records of {@code event}, leaving out one that Kafka already acknowledged in an earlier attempt. */
    private Sent send(StoredEvent event) {
        String id = event.uuid() + "." + event.version();
        return new Sent(id, event.version(), event.time(),
                halfDone.contains(id + "/event") ? Optional.empty() : Optional.of(producer.send(records.event(event))),
                halfDone.contains(id + "/snapshot") ? Optional.empty()
                        : Optional.of(producer.send(records.snapshot(event))));
    }
}
