package io.filament.bench.schema;

import io.filament.schema.config.ConfigRecordParser;
import io.filament.schema.desired.CanonicalJson;
import io.filament.schema.desired.DesiredChange;
import io.filament.schema.projection.IncrementalTranslator;
import io.filament.schema.routing.InMemoryRouteTargetStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Latency of the translator alone (parse, apply, serialise the changed records) for network updates paced at a
 * fixed rate; a change that is late because the previous one took long counts its waiting time too.
 */
final class IncrementalLatencyBench {

    private IncrementalLatencyBench() {
    }

    private static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }

    static void run(BenchConfig config, int networks, int rate, int seconds) {
        ConfigRecordParser parser = new ConfigRecordParser();
        IncrementalTranslator translator = new IncrementalTranslator(new InMemoryRouteTargetStore());
        for (BenchConfig.Snapshot snapshot : config.all()) {
            translator.apply(parser.parse(snapshot.key(), snapshot.value()));
        }
        int total = rate * seconds;
        int warmup = Math.min(20_000, total);
        List<BenchConfig.Snapshot> changes = new ArrayList<>(warmup + total);
        long[] versions = new long[networks];
        java.util.Arrays.fill(versions, 1);
        java.util.Random random = new java.util.Random(1);
        for (int k = 0; k < warmup + total; k++) {
            int n = random.nextInt(networks);
            versions[n]++;
            changes.add(config.network(n, versions[n], versions[n] % 2 == 0));
        }
        // Warm-up, unpaced: lets the JIT compile the hot path and gives the throughput ceiling.
        long warmupStart = System.nanoTime();
        long warmupCpu = FullRecomputeBench.processCpuNanos();
        for (BenchConfig.Snapshot change : changes.subList(0, warmup)) {
            for (DesiredChange out : translator.apply(parser.parse(change.key(), change.value()))) {
                if (out instanceof DesiredChange.Upsert(var record)) {
                    CanonicalJson.bytes(record);
                }
            }
        }
        System.out.printf("in-process translator, unpaced warm-up: %d network updates at %.0f/s, %.0f µs of JVM CPU"
                + " per update%n", warmup, warmup / ((System.nanoTime() - warmupStart) / 1e9),
                (FullRecomputeBench.processCpuNanos() - warmupCpu) / 1e3 / warmup);
        changes = changes.subList(warmup, warmup + total);
        System.gc();
        long gcBefore = gcMillis();
        long cpuBefore = FullRecomputeBench.processCpuNanos();
        Percentiles latency = new Percentiles();
        long published = 0;
        long start = System.nanoTime();
        for (int k = 0; k < total; k++) {
            long scheduled = start + (long) k * 1_000_000_000L / rate;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            BenchConfig.Snapshot change = changes.get(k);
            for (DesiredChange out : translator.apply(parser.parse(change.key(), change.value()))) {
                if (out instanceof DesiredChange.Upsert(var record)) {
                    published += CanonicalJson.bytes(record).length > 0 ? 1 : 0;
                } else {
                    published++;
                }
            }
            latency.add(System.nanoTime() - scheduled);
        }
        System.out.printf("in-process translator, %d network updates at %d/s: %s (%.1f desired records per change,"
                + " %d ms in GC, %.0f µs of JVM CPU per update)%n", total, rate, latency.summary(),
                published / (double) total, gcMillis() - gcBefore,
                (FullRecomputeBench.processCpuNanos() - cpuBefore) / 1e3 / total);
    }
}
