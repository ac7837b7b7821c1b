package io.filament.cli.stack;

import io.filament.cli.http.ServiceClient;
import io.filament.cli.infra.InfraException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;

/**
 * Waits until the control node reports an established XMPP session for every simulated host ({@code /peers}): an
 * agent that started before its virtual-router existed was refused and retries with back-off, and until it is back
 * its ports get no config and its routes reach nobody.
 */
final class AgentSessionsWait {

    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final ServiceClient controlNode;
    private final Clock clock;
    private final PrintStream out;

    AgentSessionsWait(ServiceClient controlNode, Clock clock, PrintStream out) {
        this.controlNode = controlNode;
        this.clock = clock;
        this.out = out;
    }

    /** Returns once every host of {@code hosts} is established; fails naming the missing ones after {@code timeout}. */
    void await(List<String> hosts, Duration timeout) {
        Instant since = clock.instant();
        Instant deadline = since.plus(timeout);
        Instant nextProgress = since.plus(PROGRESS_EVERY);
        Set<String> missing = missing(hosts);
        while (!missing.isEmpty()) {
            Instant now = clock.instant();
            if (now.isAfter(deadline)) {
                throw new InfraException("no established XMPP session at the control node for " + missing + " within "
                        + timeout.toSeconds() + " s (see var/log/agent-<host>.log and var/log/control-node.log)");
            }
            if (now.isAfter(nextProgress)) {
                out.printf("  waiting for the XMPP sessions of %s (%d s)%n", String.join(", ", missing),
                        Duration.between(since, now).toSeconds());
                nextProgress = now.plus(PROGRESS_EVERY);
            }
            LockSupport.parkNanos(POLL.toNanos());
            missing = missing(hosts);
        }
        out.printf("  %-20s XMPP sessions established: %s (%.1f s)%n", "control-node", String.join(", ", hosts),
                Duration.between(since, clock.instant()).toMillis() / 1000.0);
    }

    private Set<String> missing(List<String> hosts) {
        Set<String> missing = new TreeSet<>(hosts);
        try {
            for (JsonNode peer : controlNode.get("/peers")) {
                if ("ESTABLISHED".equals(peer.path("state").asString())) {
                    missing.remove(peer.path("hostname").asString());
                }
            }
        } catch (RuntimeException e) {
            // the control node answered its health check; a failed read here is retried until the deadline
        }
        return missing;
    }
}
