package io.filament.cli.netns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ICMP echo from inside a namespace with iputils ping; reports replies and round-trip times. */
public final class Ping {

    private static final Pattern REPLY_TIME = Pattern.compile("time=([0-9.]+) ms");

    private Ping() {
    }

    /**
     * Sends {@code count} echo requests 0.2 s apart, each waiting at most {@code waitSeconds} for its reply.
     */
    public static PingResult from(Netns netns, String destination, int count, int waitSeconds) {
        CommandResult result = netns.exec(Duration.ofSeconds((long) count * waitSeconds + 10),
                "ping", "-n", "-c", Integer.toString(count), "-i", "0.2", "-W", Integer.toString(waitSeconds), destination);
        List<Double> rtts = new ArrayList<>();
        Matcher matcher = REPLY_TIME.matcher(result.output());
        while (matcher.find()) {
            rtts.add(Double.parseDouble(matcher.group(1)));
        }
        return new PingResult(destination, count, rtts, result.output());
    }

    /** Retries single pings until one is answered or the deadline passes; returns the time to that reply. */
    public static Optional<Duration> firstReply(Netns netns, String destination, Duration deadline) {
        long start = System.nanoTime();
        while (System.nanoTime() - start < deadline.toNanos()) {
            PingResult attempt = from(netns, destination, 1, 1);
            if (attempt.received() > 0) {
                return Optional.of(Duration.ofNanos(System.nanoTime() - start));
            }
        }
        return Optional.empty();
    }

    /** Outcome of one ping run. */
    public record PingResult(String destination, int sent, List<Double> rttMillis, String output) {

        public int received() {
            return rttMillis.size();
        }

        public double medianMillis() {
            if (rttMillis.isEmpty()) {
                return Double.NaN;
            }
            List<Double> sorted = rttMillis.stream().sorted().toList();
            return sorted.get(sorted.size() / 2);
        }
    }
}
