package io.filament.cli.netns;

import io.filament.cli.infra.InfraException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A fast ping (one echo every 2 ms) running from a namespace before an event, reporting the moment the first
 * reply arrives: the time from the event to reachability, with a resolution of a few milliseconds.
 */
public final class PingWatch implements AutoCloseable {

    private final Process ping;
    private final CompletableFuture<Long> firstReplyNanos = new CompletableFuture<>();

    private PingWatch(Process ping) {
        this.ping = ping;
        Thread.ofVirtual().name("ping-watch").start(this::readReplies);
    }

    public static PingWatch start(Netns from, String destination, Duration limit) {
        List<String> command = List.of("ip", "netns", "exec", from.name(), "ping", "-n", "-i", "0.002", "-W", "1",
                "-w", Long.toString(limit.toSeconds()), destination);
        try {
            return new PingWatch(new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new InfraException("cannot start ping in " + from.name() + ": " + e.getMessage(), e);
        }
    }

    private void readReplies() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(ping.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.contains("bytes from")) {
                    firstReplyNanos.complete(System.nanoTime());
                }
            }
        } catch (IOException e) {
            firstReplyNanos.completeExceptionally(e);
        }
        firstReplyNanos.complete(-1L);
    }

    /** The {@link System#nanoTime()} of the first reply, or empty if none came within {@code limit}. */
    public Optional<Long> awaitFirstReply(Duration limit) {
        try {
            long at = firstReplyNanos.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return at < 0 ? Optional.empty() : Optional.of(at);
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new InfraException("reading ping output failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        ping.destroy();
        try {
            ping.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ping.destroyForcibly();
    }
}
