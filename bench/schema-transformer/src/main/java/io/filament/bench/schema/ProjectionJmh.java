package io.filament.bench.schema;

import io.filament.schema.config.ConfigChange;
import io.filament.schema.config.ConfigImage;
import io.filament.schema.config.ConfigRecordParser;
import io.filament.schema.desired.CanonicalJson;
import io.filament.schema.desired.DesiredChange;
import io.filament.schema.desired.DesiredRecord;
import io.filament.schema.projection.FullRecompute;
import io.filament.schema.projection.IncrementalTranslator;
import io.filament.schema.routing.InMemoryRouteTargetStore;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * JMH benchmarks of the projection on the synthetic data set ({@link BenchConfig}): the full recompute alone, the
 * full recompute with the canonical JSON of every record (what {@code full} mode times), the canonical JSON alone,
 * and one incremental network update with the JSON of the records it changes. Run with {@code -prof gc} for the
 * bytes allocated per operation ({@code bench/schema-transformer/jmh.sh}).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class ProjectionJmh {

    @Param("10000")
    int networks;

    @Param("1000")
    int policies;

    @Param("2000")
    int groups;

    private ConfigImage image;
    private InMemoryRouteTargetStore store;
    private SortedMap<String, DesiredRecord> state;
    private IncrementalTranslator translator;
    private List<ConfigChange> updates;
    private int next;

    @Setup(Level.Trial)
    public void load() {
        BenchConfig config = new BenchConfig(networks, policies, groups);
        ConfigRecordParser parser = new ConfigRecordParser();
        image = new ConfigImage();
        translator = new IncrementalTranslator(new InMemoryRouteTargetStore());
        for (BenchConfig.Snapshot snapshot : config.all()) {
            ConfigChange change = parser.parse(snapshot.key(), snapshot.value());
            image.apply(change);
            translator.apply(change);
        }
        store = new InMemoryRouteTargetStore();
        state = FullRecompute.compute(image, store);
        updates = new ArrayList<>();
        java.util.Random random = new java.util.Random(3);
        long[] versions = new long[networks];
        java.util.Arrays.fill(versions, 1);
        for (int k = 0; k < 50_000; k++) {
            int n = random.nextInt(networks);
            versions[n]++;
            BenchConfig.Snapshot update = config.network(n, versions[n], versions[n] % 2 == 0);
            updates.add(parser.parse(update.key(), update.value()));
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, batchSize = 1)
    @Measurement(iterations = 10, batchSize = 1)
    public SortedMap<String, DesiredRecord> fullRecompute() {
        return FullRecompute.compute(image, store);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, batchSize = 1)
    @Measurement(iterations = 10, batchSize = 1)
    public long fullRecomputeWithCanonicalJson() {
        long bytes = 0;
        for (DesiredRecord record : FullRecompute.compute(image, store).values()) {
            bytes += CanonicalJson.bytes(record).length;
        }
        return bytes;
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, batchSize = 1)
    @Measurement(iterations = 10, batchSize = 1)
    public long canonicalJsonOfTheWholeState() {
        long bytes = 0;
        for (DesiredRecord record : state.values()) {
            bytes += CanonicalJson.bytes(record).length;
        }
        return bytes;
    }

    /** One network update (its second policy swapped) through the translator, with the JSON of what changed. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void incrementalNetworkUpdate(Blackhole sink) {
        ConfigChange update = updates.get(next);
        next = (next + 1) % updates.size();
        for (DesiredChange change : translator.apply(update)) {
            if (change instanceof DesiredChange.Upsert(var record)) {
                sink.consume(CanonicalJson.bytes(record));
            }
        }
    }
}
