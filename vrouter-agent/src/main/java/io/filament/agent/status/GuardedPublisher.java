package io.filament.agent.status;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes to Kafka behind a Resilience4j circuit breaker, so that a host whose broker is unreachable keeps
 * forwarding and does not pile up status: while the breaker is open, records are dropped and counted; each send
 * is bounded by the send timeout (the producer's max block and delivery timeouts).
 *
 * <p>A plain Kafka producer rather than a Spring Cloud Stream binding: the breaker needs each send's outcome and
 * duration, and the agent must start and run with no broker at all, which the binder's eager topic
 * provisioning does not allow.
 */
public final class GuardedPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GuardedPublisher.class);

    private final Producer<String, byte[]> producer;
    private final CircuitBreaker breaker;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public GuardedPublisher(String bootstrapServers, Duration sendTimeout, String clientId) {
        long ms = sendTimeout.toMillis();
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, ms,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, ms / 2),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(ms, ms / 2 + 1000),
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.ACKS_CONFIG, "1"),
                new StringSerializer(), new ByteArraySerializer());
        this.breaker = CircuitBreaker.of("kafka-" + clientId, CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .slowCallDurationThreshold(sendTimeout)
                .waitDurationInOpenState(Duration.ofSeconds(30))
                .permittedNumberOfCallsInHalfOpenState(3)
                .build());
        breaker.getEventPublisher().onStateTransition(e ->
                log.info("Kafka publishing {}: {}", clientId, e.getStateTransition()));
    }

    public void publish(ProducerRecord<String, byte[]> record) {
        if (!breaker.tryAcquirePermission()) {
            dropped.incrementAndGet();
            return;
        }
        long start = System.nanoTime();
        try {
            producer.send(record, (metadata, error) -> {
                long took = System.nanoTime() - start;
                if (error == null) {
                    sent.incrementAndGet();
                    breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                } else {
                    failed.incrementAndGet();
                    breaker.onError(took, TimeUnit.NANOSECONDS, error);
                }
            });
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
        }
    }

    public CircuitBreaker.State state() {
        return breaker.getState();
    }

    public long sent() {
        return sent.get();
    }

    public long dropped() {
        return dropped.get();
    }

    public long failed() {
        return failed.get();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
