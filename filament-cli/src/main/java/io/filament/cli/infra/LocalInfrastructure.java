package io.filament.cli.infra;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Kafka and Cassandra on this machine: started, stopped and reported together. */
public final class LocalInfrastructure {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final java.nio.file.Path lockFile;
    private final List<InfraNode> nodes;
    private final Clock clock;
    private final PrintStream out;

    public LocalInfrastructure(List<InfraNode> nodes, java.nio.file.Path lockFile, Clock clock, PrintStream out) {
        this.lockFile = lockFile;
        this.nodes = List.copyOf(nodes);
        this.clock = clock;
        this.out = out;
    }

    public static LocalInfrastructure standard(Workspace workspace, Clock clock, PrintStream out) {
        String cassandraHeap = Optional.ofNullable(System.getenv("FILAMENT_CASSANDRA_HEAP")).orElse("640m");
        return new LocalInfrastructure(List.of(
                new KafkaNode(workspace, Jdk.require(25)),
                new CassandraNode(workspace, Jdk.require(17), cassandraHeap)),
                workspace.root().resolve("var/run/infra.lock"), clock, out);
    }

    public List<InfraNode> nodes() {
        return nodes;
    }

    /**
     * Starts what is not running (after checking its ports) and waits until everything answers. Concurrent
     * calls from several processes are serialised by a lock file, so that one node is never started twice.
     */
    public void up() {
        try (InfraLock lock = InfraLock.acquire(lockFile)) {
            startAndAwait();
        }
    }

    private void startAndAwait() {
        Instant since = clock.instant();
        List<InfraNode> started = new ArrayList<>();
        for (InfraNode node : nodes) {
            Optional<ProcessHandle> running = node.process().running();
            if (running.isPresent()) {
                out.printf("  %-20s already running (pid %d)%n", node.name(), running.get().pid());
                continue;
            }
            if (node.answers()) {
                // Started by another checkout or by hand: it speaks the protocol, so it serves as well.
                out.printf("  %-20s already answering at %s (not started by this checkout), reusing it%n",
                        node.name(), node.address());
                continue;
            }
            for (int port : node.ports()) {
                PortGuard.requireFree("127.0.0.1", port, node.name());
            }
            out.printf("  %-20s starting, log %s%n", node.name(), node.logFile());
            node.start();
            started.add(node);
        }
        new ReadinessWait(clock, out).await(nodes, since, READY_TIMEOUT);
        nodes.stream().filter(KafkaNode.class::isInstance).findFirst()
                .ifPresent(kafka -> TopicProvisioner.ensure(kafka.address(), out));
        if (!started.isEmpty()) {
            out.printf("infrastructure ready in %.1f s%n", Duration.between(since, clock.instant()).toMillis() / 1000.0);
        }
    }

    /** Stops exactly the processes recorded in the pid files, last started first; keeps their data. */
    public void down() {
        try (InfraLock lock = InfraLock.acquire(lockFile)) {
            stopAll();
        }
    }

    private void stopAll() {
        for (InfraNode node : nodes.reversed()) {
            Optional<ProcessHandle> running = node.process().running();
            if (running.isEmpty()) {
                out.printf("  %-20s not running%n", node.name());
                continue;
            }
            long pid = running.get().pid();
            node.process().stop(STOP_GRACE);
            out.printf("  %-20s stopped (pid %d)%n", node.name(), pid);
        }
    }
}
