package io.filament.schema.it;

import static io.filament.schema.fixtures.ConfigSnapshots.network;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.filament.testsupport.LocalInfrastructure;
import io.filament.testsupport.LocalInfrastructureTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two instances share one lease: exactly one publishes; when it is killed the other takes over within 10 s and
 * re-publishes nothing whose meaning differs from what the first one published.
 */
@LocalInfrastructureTest
class StandbyTakeoverIT {

    @Test
    void theStandbyTakesOverWithinTenSecondsWithoutChangingPublishedRecords(LocalInfrastructure infrastructure) {
        TestTopics topics = TestTopics.create(infrastructure);
        String keyspace = infrastructure.uniqueKeyspace("schema_takeover");
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (var feeder = new ConfigFeeder(topics);
             var desired = new TopicWatcher(topics.bootstrapServers(), topics.desired());
             var one = TransformerJvm.start("takeover-one", topics, keyspace);
             var two = TransformerJvm.start("takeover-two", topics, keyspace)) {
            one.awaitUp();
            two.awaitUp();
            await().atMost(Duration.ofSeconds(30)).until(() -> one.isActive() || two.isActive());
            TransformerJvm active = one.isActive() ? one : two;
            TransformerJvm standby = active == one ? two : one;
            assertThat(standby.isStandby()).isTrue();

            for (int i = 0; i < 10; i++) {
                feeder.send(network("n" + i + "-" + run, 1, "net" + i + "-" + run, 300 + i));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> desired.compacted().size() == 20);
            Map<String, String> before = desired.compacted();
            int seenBefore = desired.seen().size();
            assertThat(standby.isStandby()).isTrue();

            active.kill();
            long killed = System.nanoTime();
            String late = "late-" + run;
            feeder.send(network(late, 1, late, 399));
            String lateKey = "routing-instance/default-domain:demo:" + late + ":" + late;

            await().atMost(Duration.ofSeconds(10)).until(() -> desired.value(lateKey).isPresent());
            var arrival = desired.seen().stream().filter(s -> s.key().equals(lateKey)).findFirst().orElseThrow();
            Duration takeover = Duration.ofNanos(arrival.seenNanos() - killed);
            System.out.println("takeover: first record from the new active " + takeover.toMillis() + " ms after the kill");
            assertThat(takeover).isLessThan(Duration.ofSeconds(10));
            assertThat(standby.isActive()).isTrue();

            List<TopicWatcher.Seen> republished = desired.seen().subList(seenBefore, desired.seen().size()).stream()
                    .filter(seen -> !seen.key().contains(late) && (seen.value() == null || !seen.value().contains(late)))
                    .toList();
            assertThat(republished).allSatisfy(seen ->
                    assertThat(seen.value()).isEqualTo(before.get(seen.key())));
            Map<String, String> after = new java.util.TreeMap<>(desired.compacted());
            after.keySet().removeIf(key -> key.contains(late) || after.get(key).contains(late));
            assertThat(after).isEqualTo(before);
        }
        topics.cleanUp(infrastructure, keyspace);
    }
}
