package io.filament.schema.it;

import static io.filament.schema.fixtures.ConfigSnapshots.network;
import static io.filament.schema.fixtures.ConfigSnapshots.tombstone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.filament.testsupport.LocalInfrastructure;
import io.filament.testsupport.LocalInfrastructureTest;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Route targets survive a restart and a full replay of the config topic onto an empty desired topic. */
@LocalInfrastructureTest
class RestartReplayIT {

    private static final int NETWORKS = 20;

    private static Map<String, String> targetsByInstance(Map<String, String> desired) {
        Map<String, String> targets = new TreeMap<>();
        desired.forEach((key, value) -> {
            if (key.startsWith("routing-instance/")) {
                targets.put(key, DesiredJson.parse(value).path("route_target").stringValue());
            }
        });
        return targets;
    }

    @Test
    void keepsEveryTargetAcrossRestartAndReplay(LocalInfrastructure infrastructure) {
        TestTopics topics = TestTopics.create(infrastructure);
        String keyspace = infrastructure.uniqueKeyspace("schema_replay");
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> before;
        int recordsBeforeRestart;
        try (var feeder = new ConfigFeeder(topics);
             var desired = new TopicWatcher(topics.bootstrapServers(), topics.desired())) {
            try (var first = TransformerJvm.start("replay-first", topics, keyspace).awaitActive()) {
                for (int i = 0; i < NETWORKS; i++) {
                    feeder.send(network("n" + i + "-" + run, 1, "net" + i + "-" + run, 200 + i));
                }
                // A network that comes and goes: its target is released and not part of the final state.
                feeder.send(network("gone-" + run, 1, "gone-" + run, 299));
                feeder.send(tombstone("virtual-network", "gone-" + run));
                await().atMost(Duration.ofSeconds(30)).until(() -> targetsByInstance(desired.compacted()).size() == NETWORKS);
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        desired.compacted().keySet().stream().noneMatch(k -> k.contains("gone-")));
                before = desired.compacted();
                recordsBeforeRestart = desired.seen().size();
            }
            assertThat(targetsByInstance(before).values()).doesNotHaveDuplicates()
                    .allSatisfy(target -> assertThat(Long.parseLong(target.substring("target:64512:".length())))
                            .isBetween(8_000_000L, 8_000_000L + NETWORKS));

            try (var second = TransformerJvm.start("replay-second", topics, keyspace).awaitActive()) {
                String marker = "marker-" + run;
                feeder.send(network(marker, 1, marker, 298));
                String markerKey = "routing-instance/default-domain:demo:" + marker + ":" + marker;
                await().atMost(Duration.ofSeconds(30)).until(() -> desired.value(markerKey).isPresent());

                var afterRestart = desired.compacted();
                assertThat(without(afterRestart, marker)).isEqualTo(before);
                assertThat(desired.seen().subList(recordsBeforeRestart, desired.seen().size()))
                        .allSatisfy(seen -> assertThat(seen.key() + seen.value()).contains(marker));
                before = afterRestart;
            }
        }

        TestTopics replayed = topics.withFreshDesired(infrastructure);
        try (var desired = new TopicWatcher(replayed.bootstrapServers(), replayed.desired());
             var third = TransformerJvm.start("replay-third", replayed, keyspace).awaitActive()) {
            Map<String, String> expected = before;
            await().atMost(Duration.ofSeconds(30)).until(() -> desired.compacted().size() == expected.size());
            assertThat(desired.compacted()).isEqualTo(expected);
        }
        topics.cleanUp(infrastructure, keyspace);
        replayed.cleanUp(infrastructure);
    }

    private static Map<String, String> without(Map<String, String> records, String marker) {
        Map<String, String> rest = new TreeMap<>(records);
        rest.keySet().removeIf(key -> key.contains(marker) || records.get(key).contains(marker));
        return rest;
    }
}
