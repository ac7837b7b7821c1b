package io.filament.agent.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The clock of {@link PortUpLatencyIT}: echo requests from a VM's namespace every 2 ms from before the event it times,
 * sent by the project's port-up probe ({@code bench/stack/echo-probe.py}), which keeps that cadence while requests go
 * unanswered (where {@code ping -i} slows to one per 10 ms) and prints the kernel's receive time of the first reply;
 * that time is given back on the {@link System#nanoTime()} scale. Its output is read on a thread of its own; the
 * line that says it is sending must arrive before the clock starts. Closing it stops the probe.
 */
final class PingClock implements AutoCloseable {

    private static final Path PROBE = Path.of("..", "bench", "stack", "echo-probe.py").toAbsolutePath().normalize();

    private final Process probe;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final CompletableFuture<Long> firstReply = new CompletableFuture<>();
    private final StringBuilder output = new StringBuilder();

    private PingClock(Process probe) {
        this.probe = probe;
        Thread.ofPlatform().daemon().name("ping-clock").start(this::read);
    }

    /** Starts the probe from {@code namespace} to {@code address} and returns once it is sending. */
    static PingClock start(Netns namespace, String address, int deadlineSeconds) throws IOException {
        PingClock clock = new PingClock(new ProcessBuilder(List.of("ip", "netns", "exec", namespace.name, "python3",
                PROBE.toString(), address, "0.002", Integer.toString(deadlineSeconds)))
                .redirectErrorStream(true).start());
        try {
            clock.started.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            String seen = clock.output();
            clock.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("echo probe to " + address + " in " + namespace.name + " did not start: "
                    + seen, e);
        }
        return clock;
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(probe.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.equals("ready")) {
                    started.complete(null);
                } else if (line.matches("\\d+\\.\\d{9}")) {
                    firstReply.complete(onNanoTimeScale(new BigDecimal(line)));
                }
                synchronized (output) {
                    if (output.length() < 4096) {
                        output.append(line).append('\n');
                    }
                }
            }
        } catch (IOException e) {
            firstReply.completeExceptionally(e);
        }
        started.completeExceptionally(new IllegalStateException("the probe ended before it started sending"));
        firstReply.completeExceptionally(new IllegalStateException("the probe ended without a reply"));
    }

    /** A wall-clock time in epoch seconds as a {@link System#nanoTime()} reading. */
    private static long onNanoTimeScale(BigDecimal epochSeconds) {
        long nanoNow = System.nanoTime();
        Instant now = Instant.now();
        Instant at = Instant.ofEpochSecond(epochSeconds.longValue(),
                epochSeconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        return nanoNow - Duration.between(at, now).toNanos();
    }

    /** The clock reading of the first reply; fails when none came within {@code seconds}. */
    long firstReply(int seconds) throws InterruptedException {
        try {
            return firstReply.get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("no echo reply within " + seconds + " s: " + output(), e);
        }
    }

    String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    @Override
    public void close() {
        ProcessTree.stop(probe);
    }
}
