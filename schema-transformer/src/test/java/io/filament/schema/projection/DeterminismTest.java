package io.filament.schema.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.filament.schema.desired.CanonicalJson;
import io.filament.schema.desired.DesiredChange;
import io.filament.schema.fixtures.ConfigSnapshots.Snapshot;
import io.filament.schema.routing.InMemoryRouteTargetStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DeterminismTest {

    private static List<Snapshot> log(long seed) {
        Random random = new Random(seed);
        List<RandomConfigLog.Step> steps = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            steps.add(new RandomConfigLog.Step(random.nextInt(9), random.nextInt(12), random.nextLong()));
        }
        return new RandomConfigLog().snapshots(steps);
    }

    private static byte[] publishedBytes(List<Snapshot> log) {
        IncrementalTranslator translator = new IncrementalTranslator(new InMemoryRouteTargetStore());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Snapshot snapshot : log) {
            for (DesiredChange change : translator.apply(snapshot.change())) {
                out.writeBytes(change.key().getBytes(StandardCharsets.UTF_8));
                out.write('=');
                if (change instanceof DesiredChange.Upsert(var record)) {
                    out.writeBytes(CanonicalJson.bytes(record));
                }
                out.write('\n');
            }
        }
        return out.toByteArray();
    }

    @Test
    void theSameLogGivesByteIdenticalRecords() {
        byte[] first = publishedBytes(log(42));
        byte[] second = publishedBytes(log(42));

        assertThat(first).isNotEmpty();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void aReplayOfTheCompactedLogWithTheSameClaimsGivesTheLiveRecords() {
        var claims = new InMemoryRouteTargetStore();
        IncrementalTranslator live = new IncrementalTranslator(claims);
        java.util.Map<String, Snapshot> compacted = new java.util.LinkedHashMap<>();
        for (Snapshot snapshot : log(7)) {
            live.apply(snapshot.change());
            compacted.remove(snapshot.key());
            compacted.put(snapshot.key(), snapshot);
        }

        IncrementalTranslator replay = new IncrementalTranslator(claims);
        compacted.values().forEach(snapshot -> replay.apply(snapshot.change()));

        assertThat(live.state()).isNotEmpty();
        assertThat(IncrementalEqualsFullRecomputePropertyTest.canonical(replay.state()))
                .isEqualTo(IncrementalEqualsFullRecomputePropertyTest.canonical(live.state()));
    }
}
