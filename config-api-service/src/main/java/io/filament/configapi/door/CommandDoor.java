package io.filament.configapi.door;

import io.filament.configapi.error.ConfigApiException;
import io.filament.configapi.error.StoreUnavailableException;
import io.filament.configapi.service.ConfigCommandService;
import io.filament.configapi.service.RequestBodies;
import io.filament.contracts.config.CloudEventHeaders;
import io.filament.contracts.config.CommandRejection;
import io.filament.contracts.config.ConfigCommand;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The second door: commands from {@code filament.config.commands.v1} go through the same handler as REST; owns its
 * consumer thread. The resulting events carry the command's {@code correlationid}; a refused command is answered
 * with an {@code io.filament.config.command.rejected} event. Offsets are committed only after a command was
 * committed or answered, so a crash redelivers rather than loses it.
 *
 * <p>A plain Kafka consumer rather than a Spring Cloud Stream binding: a store outage must pause consumption and
 * re-read the same command (seek back) instead of sending it to a DLQ, and the answer to a refusal has to be
 * acknowledged by Kafka before the offset moves.
 */
public final class CommandDoor implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(CommandDoor.class);

    private final Consumer<String, byte[]> consumer;
    private final Producer<String, byte[]> producer;
    private final ConfigCommandService service;
    private final RequestBodies bodies;
    private final JsonMapper json;
    private final Clock clock;
    private final String commandsTopic;
    private final String eventsTopic;
    private final String source;
    private volatile boolean running = true;

    public CommandDoor(Consumer<String, byte[]> consumer, Producer<String, byte[]> producer,
                       ConfigCommandService service, RequestBodies bodies, JsonMapper json, Clock clock,
                       String commandsTopic, String eventsTopic, String source) {
        this.consumer = consumer;
        this.producer = producer;
        this.service = service;
        this.bodies = bodies;
        this.json = json;
        this.clock = clock;
        this.commandsTopic = commandsTopic;
        this.eventsTopic = eventsTopic;
        this.source = source;
    }

    public void stop() {
        running = false;
        consumer.wakeup();
    }

    @Override
    public void run() {
        consumer.subscribe(List.of(commandsTopic));
        log.info("Command door listening on {}", commandsTopic);
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (!handle(record)) {
                        consumer.seek(new TopicPartition(record.topic(), record.partition()), record.offset());
                        break;
                    }
                    consumer.commitSync(java.util.Map.of(new TopicPartition(record.topic(), record.partition()),
                            new org.apache.kafka.clients.consumer.OffsetAndMetadata(record.offset() + 1)));
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            consumer.close();
            log.info("Command door stopped");
        }
    }

    /** False when the command must be read again later (store or Kafka unavailable). */
    private boolean handle(ConsumerRecord<String, byte[]> record) {
        Optional<String> correlationId = header(record, CloudEventHeaders.CORRELATION_ID)
                .or(() -> header(record, CloudEventHeaders.ID));
        ConfigCommand command = null;
        try {
            command = json.readValue(record.value(), ConfigCommand.class);
            service.execute(bodies.fromTopic(command), correlationId);
            return true;
        } catch (StoreUnavailableException e) {
            log.warn("Command at {}-{}@{} waits for the store: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            pause();
            return false;
        } catch (ConfigApiException e) {
            return reject(record, command, e.status(), e.getMessage(), correlationId);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            return reject(record, command, 400, "Malformed command: " + e.getMessage(), correlationId);
        }
    }

    private boolean reject(ConsumerRecord<String, byte[]> record, ConfigCommand command, int status, String reason,
                           Optional<String> correlationId) {
        log.info("Command {} rejected ({}): {}", correlationId.orElse("without correlation id"), status, reason);
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, bytes(UUID.randomUUID().toString()));
        headers.add(CloudEventHeaders.SOURCE, bytes(source));
        headers.add(CloudEventHeaders.SPEC_VERSION, bytes(CloudEventHeaders.SPEC_VERSION_VALUE));
        headers.add(CloudEventHeaders.TYPE, bytes(CloudEventHeaders.COMMAND_REJECTED));
        if (command != null && command.uuid() != null) {
            headers.add(CloudEventHeaders.SUBJECT, bytes(command.uuid()));
        }
        headers.add(CloudEventHeaders.TIME, bytes(clock.instant().toString()));
        headers.add(CloudEventHeaders.CONTENT_TYPE, bytes(CloudEventHeaders.JSON));
        correlationId.ifPresent(c -> headers.add(CloudEventHeaders.CORRELATION_ID, bytes(c)));
        byte[] value = json.writeValueAsBytes(new CommandRejection(status, reason, command));
        try {
            producer.send(new ProducerRecord<>(eventsTopic, null, record.key(), value, headers))
                    .get(10, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Cannot answer rejected command yet: {}", e.getMessage());
            pause();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return false;
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static Optional<String> header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? Optional.empty() : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
