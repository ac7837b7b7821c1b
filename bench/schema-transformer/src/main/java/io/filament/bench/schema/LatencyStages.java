package io.filament.bench.schema;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The latency of each measured update through Kafka, whole and split at the transformer's send (the desired record's
 * timestamp), and every sample as a line of a tab-separated file so that a slow update can be placed beside the GC
 * logs of the JVMs involved. Times are nanoseconds on this JVM's monotonic clock.
 */
final class LatencyStages {

    /** Wall clock minus monotonic clock, in nanoseconds. */
    private final long clockOffset = MILLISECONDS.toNanos(System.currentTimeMillis()) - System.nanoTime();
    /** Per update: sent, the transformer's send, seen at the watcher. */
    private final List<long[]> samples = new ArrayList<>();

    /** A wall-clock time in milliseconds (a Kafka record's timestamp) on the monotonic clock. */
    long monotonic(long epochMillis) {
        return MILLISECONDS.toNanos(epochMillis) - clockOffset;
    }

    synchronized void add(long sentAt, long transformerSentAt, long seenAt) {
        samples.add(new long[] {sentAt, transformerSentAt, seenAt});
    }

    synchronized void clear() {
        samples.clear();
    }

    synchronized String summary() {
        Percentiles total = new Percentiles();
        Percentiles toTransformerSend = new Percentiles();
        Percentiles fromTransformerSend = new Percentiles();
        for (long[] sample : samples) {
            total.add(sample[2] - sample[0]);
            toTransformerSend.add(Math.max(0, sample[1] - sample[0]));
            fromTransformerSend.add(Math.max(0, sample[2] - sample[1]));
        }
        return total.summary()
                + "\n  update sent -> transformer's send (broker, fetch, translation): " + toTransformerSend.summary()
                + "\n  transformer's send -> at the watcher (linger, broker, fetch): " + fromTransformerSend.summary();
    }

    /** Writes one line per update: wall-clock send time in ms, then total, to-send and from-send latency in ms. */
    synchronized void write(Path file) {
        List<String> lines = new ArrayList<>(samples.size() + 1);
        lines.add("sent_epoch_ms\ttotal_ms\tto_transformer_send_ms\tfrom_transformer_send_ms");
        for (long[] sample : samples) {
            lines.add(String.format("%.3f\t%.3f\t%.3f\t%.3f", (sample[0] + clockOffset) / 1e6,
                    (sample[2] - sample[0]) / 1e6, (sample[1] - sample[0]) / 1e6, (sample[2] - sample[1]) / 1e6));
        }
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
