package io.filament.cli.netns;

import io.filament.cli.infra.InfraException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Echo requests from a namespace to one address every {@link #INTERVAL}, started before an event, reporting when
 * the first reply came in: the time from the event to reachability. The probe is {@code bench/stack/echo-probe.py}
 * (a raw ICMP socket): it keeps its cadence while requests go unanswered, where {@code ping -i} slows to one request
 * per 10 ms, and reports the kernel's receive time of the reply, so neither the pipe nor this process waking up adds
 * to the figure.
 */
public final class EchoProbe implements AutoCloseable {

    public static final Duration INTERVAL = Duration.ofMillis(2);

    private final Process probe;
    private final BufferedReader lines;

    private EchoProbe(Process probe) {
        this.probe = probe;
        this.lines = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts the probe and returns once it is sending. */
    public static EchoProbe start(Path script, Netns from, String destination, Duration limit) {
        List<String> command = List.of("ip", "netns", "exec", from.name(), "python3", script.toString(), destination,
                seconds(INTERVAL), seconds(limit));
        EchoProbe probe;
        try {
            probe = new EchoProbe(new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new InfraException("cannot start the echo probe in " + from.name() + ": " + e.getMessage(), e);
        }
        String first = probe.readLine();
        if (!"ready".equals(first)) {
            probe.close();
            throw new InfraException("the echo probe in " + from.name() + " did not start: " + first);
        }
        return probe;
    }

    /** When the first reply came in, or empty if none came within the limit given at the start. */
    public Optional<Instant> awaitFirstReply() {
        String line = readLine();
        if (line == null || line.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(stamp(line));
    }

    /** A receive time as the probe prints it: epoch seconds with nine decimals. */
    static Instant stamp(String line) {
        try {
            BigDecimal seconds = new BigDecimal(line.strip());
            long nanos = seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue();
            return Instant.ofEpochSecond(seconds.longValue(), nanos);
        } catch (NumberFormatException e) {
            throw new InfraException("the echo probe printed no reply time but: " + line, e);
        }
    }

    private String readLine() {
        try {
            return lines.readLine();
        } catch (IOException e) {
            throw new InfraException("reading the echo probe's output failed: " + e.getMessage(), e);
        }
    }

    private static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toNanos(), 9).toPlainString();
    }

    @Override
    public void close() {
        probe.destroy();
        try {
            probe.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        probe.destroyForcibly();
    }
}
