package io.filament.analytics.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.filament.analytics.alarm.AlarmEvaluator;
import io.filament.analytics.alarm.ConfigChangeSeen;
import io.filament.analytics.alarm.ConfigRealisationRule;
import io.filament.analytics.status.StatusRecordParser;
import io.filament.analytics.status.StatusRecordRejected;
import io.filament.analytics.uve.InMemoryUveStore;
import io.filament.contracts.config.CloudEventHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The UVE replica (thread {@code status-replica}): every instance reads all partitions of the status topic
 * from the beginning (no consumer group), so each serves the whole merged view; it also reads recent config
 * events for the realisation alarm and drives the alarm ticks. It is the only writer of the UVE store and of
 * the alarm state. Malformed records are skipped here (the storage consumer dead-letters them).
 * A plain Kafka consumer with manual assignment, because a Spring Cloud Stream binding always joins a consumer
 * group and would then see only its share of the partitions.
 */
public final class StatusReplica implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(StatusReplica.class);
    private static final Duration REFRESH_ASSIGNMENT = Duration.ofSeconds(30);

    private final Consumer<byte[], byte[]> consumer;
    private final String statusTopic;
    private final String configTopic;
    private final StatusRecordParser parser;
    private final InMemoryUveStore store;
    private final AlarmEvaluator alarms;
    private final ConfigRealisationRule realisation;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration tickInterval;
    private final Duration configLookback;
    private final Set<TopicPartition> assigned = new HashSet<>();
    private Map<TopicPartition, Long> catchUpTargets = Map.of();
    private volatile boolean caughtUp;
    private volatile boolean running = true;

    public StatusReplica(Consumer<byte[], byte[]> consumer, String statusTopic, String configTopic,
                         StatusRecordParser parser, InMemoryUveStore store, AlarmEvaluator alarms,
                         ConfigRealisationRule realisation, JsonMapper json, Clock clock, Duration tickInterval,
                         Duration configLookback) {
        this.consumer = consumer;
        this.statusTopic = statusTopic;
        this.configTopic = configTopic;
        this.parser = parser;
        this.store = store;
        this.alarms = alarms;
        this.realisation = realisation;
        this.json = json;
        this.clock = clock;
        this.tickInterval = tickInterval;
        this.configLookback = configLookback;
    }

    @Override
    public void run() {
        long nextTick = 0;
        long nextRefresh = 0;
        try {
            while (running) {
                long now = clock.millis();
                if (now >= nextRefresh) {
                    refreshAssignment();
                    nextRefresh = now + REFRESH_ASSIGNMENT.toMillis();
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(record);
                }
                checkCaughtUp();
                if (clock.millis() >= nextTick) {
                    alarms.tick();
                    nextTick = clock.millis() + tickInterval.toMillis();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        if (record.topic().equals(statusTopic)) {
            try {
                store.apply(parser.parse(KafkaRecords.key(record),
                        KafkaRecords.header(record, CloudEventHeaders.SOURCE), record.value()));
            } catch (StatusRecordRejected e) {
                log.debug("skipping malformed status record at {}-{}@{}", record.topic(), record.partition(), record.offset());
            }
        } else if (record.value() != null) {
            configEvent(record);
        }
    }

    private void configEvent(ConsumerRecord<byte[], byte[]> record) {
        try {
            JsonNode event = json.readTree(record.value());
            ConfigChangeSeen change = new ConfigChangeSeen(event.path("type").asString(""), event.path("uuid").asString(""),
                    event.path("version").asLong(0), event.path("operation").asString(""), record.timestamp() * 1000);
            realisation.configChanged(change).ifPresent(subject -> alarms.judge(realisation, subject));
        } catch (RuntimeException e) {
            log.debug("skipping unreadable config event at {}-{}@{}", record.topic(), record.partition(), record.offset());
        }
    }

    /** Picks up partitions that appeared since the last look (topics created late or grown). */
    private void refreshAssignment() {
        List<TopicPartition> fresh = new ArrayList<>();
        for (String topic : List.of(statusTopic, configTopic)) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            for (PartitionInfo p : partitions == null ? List.<PartitionInfo>of() : partitions) {
                TopicPartition tp = new TopicPartition(p.topic(), p.partition());
                if (assigned.add(tp)) {
                    fresh.add(tp);
                }
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        consumer.assign(assigned);
        List<TopicPartition> status = fresh.stream().filter(tp -> tp.topic().equals(statusTopic)).toList();
        List<TopicPartition> config = fresh.stream().filter(tp -> tp.topic().equals(configTopic)).toList();
        consumer.seekToBeginning(status);
        if (!config.isEmpty()) {
            seekConfig(config);
        }
        if (!caughtUp) {
            catchUpTargets = new HashMap<>(consumer.endOffsets(status));
        }
        log.info("status replica reads {} (status from the beginning, config events from {} ago)", fresh, configLookback);
    }

    private void seekConfig(List<TopicPartition> partitions) {
        long since = clock.millis() - configLookback.toMillis();
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, since));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(query);
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp at = offsets.get(tp);
            if (at == null) {
                consumer.seekToEnd(List.of(tp));
            } else {
                consumer.seek(tp, at.offset());
            }
        }
    }

    private void checkCaughtUp() {
        if (caughtUp) {
            return;
        }
        boolean done = catchUpTargets.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
        if (done && !assigned.isEmpty()) {
            caughtUp = true;
            log.info("status replica caught up with the status topic");
        }
    }

    /** True once the records present at start have been applied. */
    public boolean caughtUp() {
        return caughtUp;
    }

    public void stop() {
        running = false;
        consumer.wakeup();
    }
}
