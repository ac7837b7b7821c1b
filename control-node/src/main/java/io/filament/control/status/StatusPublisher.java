package io.filament.control.status;

import io.filament.control.ControlNode;
import io.filament.control.xmpp.peer.PeerStatus;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Publishes {@code ObjectXmppPeerInfo} (one per agent) and {@code ObjectBgpRouter} to {@code filament.status.v1}
 * every period, as CloudEvents in binary mode, from its own thread ("status").
 */
public final class StatusPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StatusPublisher.class);

    private final ControlNode node;
    private final String name;
    private final String topic;
    private final Clock clock;
    private final KafkaProducer<String, byte[]> producer;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "status");
        t.setDaemon(true);
        return t;
    });

    public StatusPublisher(ControlNode node, String name, String bootstrapServers, String topic, Clock clock) {
        this.node = node;
        this.name = name;
        this.topic = topic;
        this.clock = clock;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "control-node-status-" + name);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    public StatusPublisher start(Duration period) {
        thread.scheduleAtFixedRate(this::publishSafely, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Publishes one round now; returns the records sent. */
    public List<StatusRecord> publish() {
        List<PeerStatus> peers = node.peers().statuses();
        List<StatusRecord> records = new java.util.ArrayList<>();
        peers.forEach(p -> records.add(StatusReports.xmppPeer(name, p)));
        records.add(StatusReports.bgpRouter(name, peers, node.rib().instanceCount(), node.rib().pathCount(), node.counters()));
        records.forEach(this::send);
        producer.flush();
        return records;
    }

    private void publishSafely() {
        try {
            publish();
        } catch (RuntimeException e) {
            log.warn("status round failed: {}", e.getMessage());
        }
    }

    private void send(StatusRecord r) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, r.kafkaKey(), json.writeValueAsBytes(r));
        header(record, "ce_id", UUID.randomUUID().toString());
        header(record, "ce_source", "control-node/" + name);
        header(record, "ce_type", "io.filament.status." + r.table());
        header(record, "ce_subject", r.kafkaKey());
        header(record, "ce_time", clock.instant().toString());
        header(record, "ce_specversion", "1.0");
        header(record, "content-type", "application/json");
        producer.send(record);
    }

    private static void header(ProducerRecord<String, byte[]> r, String name, String value) {
        r.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void close() {
        thread.shutdownNow();
        producer.close(Duration.ofSeconds(5));
    }
}
