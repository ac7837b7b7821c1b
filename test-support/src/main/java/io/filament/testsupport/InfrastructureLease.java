package io.filament.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The test run's hold on the local infrastructure: reused if it already answers, started otherwise.
 * Closing it stops the infrastructure only if this lease started it.
 */
final class InfrastructureLease implements AutoCloseable {

    private static final long START_TIMEOUT_SECONDS = 240;

    private final LocalInfrastructure infrastructure;
    private final Path repositoryRoot;
    private final boolean startedHere;

    private InfrastructureLease(LocalInfrastructure infrastructure, Path repositoryRoot, boolean startedHere) {
        this.infrastructure = infrastructure;
        this.repositoryRoot = repositoryRoot;
        this.startedHere = startedHere;
    }

    static InfrastructureLease acquire(LocalInfrastructure infrastructure) {
        InfrastructureProbe probe = new InfrastructureProbe(infrastructure);
        if (probe.kafkaAnswers() && probe.cassandraAnswers()) {
            return new InfrastructureLease(infrastructure, null, false);
        }
        Path root = RepositoryRoot.find();
        String pidsBefore = pidFiles(root);
        run(root, "up");
        // Only what this lease actually started is stopped at the end: another process may share the rest.
        boolean started = !pidsBefore.equals(pidFiles(root));
        if (!probe.kafkaAnswers()) {
            throw new IllegalStateException("Kafka does not answer at " + infrastructure.kafkaBootstrapServers()
                    + " after bin/filament infra up; see " + root.resolve("var/log/kafka.log"));
        }
        if (!probe.cassandraAnswers()) {
            throw new IllegalStateException("Cassandra does not answer at " + infrastructure.cassandraContactPoint()
                    + " after bin/filament infra up; see " + root.resolve("var/log/cassandra.log"));
        }
        return new InfrastructureLease(infrastructure, root, started);
    }

    @Override
    public void close() {
        IssuedNames.removeAll(infrastructure);
        if (startedHere) {
            run(repositoryRoot, "down");
        }
    }

    private static String pidFiles(Path root) {
        StringBuilder pids = new StringBuilder();
        for (String name : List.of("kafka", "cassandra")) {
            Path file = root.resolve("var/run/" + name + ".pid");
            try {
                pids.append(name).append('=').append(Files.exists(file) ? Files.readString(file).trim() : "").append(';');
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file, e);
            }
        }
        return pids.toString();
    }

    private static void run(Path root, String action) {
        Path log = root.resolve("var/log/test-infra-" + action + ".log");
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(List.of(root.resolve("bin/filament").toString(), "infra", action))
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(log.toString())))
                    .start();
            if (!process.waitFor(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("bin/filament infra " + action + " did not finish within "
                        + START_TIMEOUT_SECONDS + " s; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("bin/filament infra " + action + " failed with exit code "
                        + process.exitValue() + "; see " + log);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run bin/filament infra " + action + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running bin/filament infra " + action, e);
        }
    }
}
