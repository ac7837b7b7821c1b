package io.filament.agent.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The clock of {@link PortUpLatencyIT}: {@code ping} running in a VM's namespace from before the event it times,
 * one echo request every 2 ms, and the {@link System#nanoTime()} at which its first reply line was read. Its
 * output is read line by line on a thread of its own, so the reply is seen as ping prints it; the resolution is
 * the 2 ms interval. Its output is line-buffered ({@code stdbuf -oL}): ping itself flushes only after a reply, and
 * the header line that says it is sending must arrive before the clock starts. Closing it stops the ping.
 */
final class PingClock implements AutoCloseable {

    private final Process ping;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final CompletableFuture<Long> firstReply = new CompletableFuture<>();
    private final StringBuilder output = new StringBuilder();

    private PingClock(Process ping) {
        this.ping = ping;
        Thread.ofPlatform().daemon().name("ping-clock").start(this::read);
    }

    /** Starts {@code ping} from {@code namespace} to {@code address} and returns once it is sending. */
    static PingClock start(Netns namespace, String address, int deadlineSeconds) throws IOException {
        PingClock clock = new PingClock(new ProcessBuilder(List.of("ip", "netns", "exec", namespace.name, "stdbuf",
                "-oL", "ping", "-n", "-D", "-i", "0.002", "-w", Integer.toString(deadlineSeconds), address))
                .redirectErrorStream(true).start());
        try {
            clock.started.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            String seen = clock.output();
            clock.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("ping to " + address + " in " + namespace.name + " did not start: "
                    + seen, e);
        }
        return clock;
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(ping.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                long now = System.nanoTime();
                if (line.contains("bytes from")) {
                    firstReply.complete(now);
                } else if (line.startsWith("PING ")) {
                    started.complete(null);
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
        started.completeExceptionally(new IllegalStateException("ping ended before it started sending"));
        firstReply.completeExceptionally(new IllegalStateException("ping ended without a reply"));
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
        ProcessTree.stop(ping);
    }
}
