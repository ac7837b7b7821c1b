package io.filament.control.status;

import io.filament.contracts.status.EncodedRecord;
import io.filament.contracts.status.StatusMessages;
import io.filament.contracts.status.StatusReport;
import io.filament.control.ControlNode;
import io.filament.control.xmpp.peer.PeerStatus;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Publishes {@code ObjectXmppPeerInfo:<host>} (one per agent) and {@code ObjectBgpRouter:<name>} to
 * {@code filament.status.v1} every period, in the shared format of {@code io.filament.contracts.status}, from its
 * own thread ("status"). On close it withdraws every part it reported, so that analytics stops counting a node
 * that is gone as a witness of its agents' sessions.
 */
public final class StatusPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StatusPublisher.class);

    private final ControlNode node;
    private final String topic;
    private final Clock clock;
    private final StatusReports reports;
    private final StatusMessages messages;
    private final KafkaProducer<String, byte[]> producer;
    private final Set<String> reportedHosts = new LinkedHashSet<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "status");
        t.setDaemon(true);
        return t;
    });

    public StatusPublisher(ControlNode node, String name, String routerId, String bootstrapServers, String topic,
                           Clock clock) {
        this.node = node;
        this.topic = topic;
        this.clock = clock;
        this.reports = new StatusReports(name, routerId);
        this.messages = new StatusMessages(clock);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "control-node-status-" + name);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    public StatusPublisher start(Duration period) {
        thread.scheduleAtFixedRate(this::publishSafely, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Publishes one round now; returns the reports sent. */
    public synchronized List<StatusReport> publish() {
        Instant now = clock.instant();
        List<PeerStatus> peers = node.peers().statuses();
        List<StatusReport> sent = new ArrayList<>();
        peers.forEach(p -> sent.add(reports.xmppPeer(p, now)));
        sent.add(reports.bgpRouter(peers, node.rib().instanceCount(), node.rib().pathCount(), node.counters(), now));
        peers.forEach(p -> reportedHosts.add(p.hostname()));
        sent.forEach(this::send);
        producer.flush();
        return sent;
    }

    private void publishSafely() {
        try {
            publish();
        } catch (RuntimeException e) {
            log.warn("status round failed: {}", e.getMessage());
        }
    }

    private synchronized void withdrawAll() {
        Instant now = clock.instant();
        reportedHosts.forEach(host -> send(reports.xmppPeerWithdrawn(host, now)));
        send(reports.bgpRouterWithdrawn(now));
        producer.flush();
        log.info("withdrew the status of {} agent sessions and of this node", reportedHosts.size());
    }

    private void send(StatusReport report) {
        EncodedRecord encoded = messages.status(report);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, encoded.key(), encoded.value());
        encoded.headers().forEach((name, value) -> record.headers().add(name, value));
        producer.send(record);
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            withdrawAll();
        } catch (RuntimeException e) {
            log.warn("could not withdraw status on close: {}", e.getMessage());
        }
        producer.close(Duration.ofSeconds(5));
    }
}
