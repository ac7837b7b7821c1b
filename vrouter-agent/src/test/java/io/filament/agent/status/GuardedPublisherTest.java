package io.filament.agent.status;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class GuardedPublisherTest {

    @Test
    void opensTheBreakerWhenNoBrokerAnswersAndThenDropsInsteadOfSending() {
        try (GuardedPublisher publisher = new GuardedPublisher("127.0.0.1:1", Duration.ofMillis(300), "breaker-test")) {
            for (int i = 0; i < 6; i++) {
                publisher.publish(new ProducerRecord<>("filament.status.v1", "k", new byte[] {1}));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> publisher.state() == CircuitBreaker.State.OPEN);

            long droppedBefore = publisher.dropped();
            publisher.publish(new ProducerRecord<>("filament.status.v1", "k", new byte[] {1}));

            assertThat(publisher.dropped()).isEqualTo(droppedBefore + 1);
            assertThat(publisher.failed()).isGreaterThanOrEqualTo(5);
            assertThat(publisher.sent()).isZero();
        }
    }
}
