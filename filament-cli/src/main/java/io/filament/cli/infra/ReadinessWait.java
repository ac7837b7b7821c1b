package io.filament.cli.infra;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits until every given node answers a real request, printing a progress line every few seconds; fails
 * naming the node and its log when one dies or does not answer in time.
 */
public final class ReadinessWait {

    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final Clock clock;
    private final PrintStream out;

    public ReadinessWait(Clock clock, PrintStream out) {
        this.clock = clock;
        this.out = out;
    }

    /** Returns the time each node took to answer, measured from {@code since}. */
    public Map<InfraNode, Duration> await(List<InfraNode> nodes, Instant since, Duration timeout) {
        Map<InfraNode, Duration> ready = new LinkedHashMap<>();
        Instant nextProgress = clock.instant().plus(PROGRESS_EVERY);
        while (ready.size() < nodes.size()) {
            for (InfraNode node : nodes) {
                if (ready.containsKey(node)) {
                    continue;
                }
                if (node.process().running().isEmpty() && !node.answers()) {
                    throw new InfraException(node.name() + " exited while starting; last lines of "
                            + node.logFile() + ":\n" + tail(node.logFile(), 15));
                }
                if (node.answers()) {
                    Duration took = Duration.between(since, clock.instant());
                    ready.put(node, took);
                    out.printf("  %-20s ready at %s after %.1f s (%s)%n", node.name(), node.address(),
                            took.toMillis() / 1000.0, node.describe());
                }
            }
            Instant now = clock.instant();
            if (ready.size() < nodes.size() && now.isAfter(since.plus(timeout))) {
                List<String> waiting = nodes.stream().filter(n -> !ready.containsKey(n))
                        .map(n -> n.name() + " (log " + n.logFile() + ")").toList();
                throw new InfraException("not ready after " + timeout.toSeconds() + " s: " + String.join(", ", waiting));
            }
            if (ready.size() < nodes.size() && now.isAfter(nextProgress)) {
                List<String> waiting = nodes.stream().filter(n -> !ready.containsKey(n)).map(InfraNode::name).toList();
                out.printf("  waiting for %s (%d s)%n", String.join(", ", waiting),
                        Duration.between(since, now).toSeconds());
                nextProgress = now.plus(PROGRESS_EVERY);
            }
            if (ready.size() < nodes.size()) {
                LockSupport.parkNanos(POLL.toNanos());
            }
        }
        return ready;
    }

    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.exists(log) ? Files.readAllLines(log) : List.of();
            List<String> last = new ArrayList<>(all.subList(Math.max(0, all.size() - lines), all.size()));
            return String.join("\n", last);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
