package io.filament.schema.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.filament.schema.desired.CanonicalJson;
import io.filament.schema.desired.DesiredChange;
import io.filament.schema.fixtures.ConfigSnapshots.Snapshot;
import io.filament.schema.routing.InMemoryRouteTargetStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The streaming canonical writer gives exactly the bytes that data binding with sorted map keys gives, for every
 * record random config logs derive: switching writers changed no published byte.
 */
class CanonicalJsonMatchesDataBindingTest {

    private static final JsonMapper SORTED_KEYS = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8})
    void everyDerivedRecordIsWrittenAsDataBindingWritesIt(long seed) {
        Random random = new Random(seed);
        List<RandomConfigLog.Step> steps = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            steps.add(new RandomConfigLog.Step(random.nextInt(9), random.nextInt(12), random.nextLong()));
        }
        IncrementalTranslator translator = new IncrementalTranslator(new InMemoryRouteTargetStore());
        List<String> types = new ArrayList<>();
        for (Snapshot snapshot : new RandomConfigLog().snapshots(steps)) {
            for (DesiredChange change : translator.apply(snapshot.change())) {
                if (change instanceof DesiredChange.Upsert(var record)) {
                    assertThat(new String(CanonicalJson.bytes(record), StandardCharsets.UTF_8))
                            .as(record.key()).isEqualTo(SORTED_KEYS.writeValueAsString(record.value()));
                    types.add(record.type());
                }
            }
        }
        assertThat(types).contains("routing-instance", "route-target", "network-acl", "security-group-acl");
    }
}
