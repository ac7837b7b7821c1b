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

    private final Path repositoryRoot;
    private final boolean startedHere;

    private InfrastructureLease(Path repositoryRoot, boolean startedHere) {
        this.repositoryRoot = repositoryRoot;
        this.startedHere = startedHere;
    }

    static InfrastructureLease acquire(LocalInfrastructure infrastructure) {
        InfrastructureProbe probe = new InfrastructureProbe(infrastructure);
        if (probe.kafkaAnswers() && probe.cassandraAnswers()) {
            return new InfrastructureLease(null, false);
        }
        Path root = RepositoryRoot.find();
        run(root, "up");
        if (!probe.kafkaAnswers()) {
            throw new IllegalStateException("Kafka does not answer at " + infrastructure.kafkaBootstrapServers()
                    + " after bin/filament infra up; see " + root.resolve("var/log/kafka.log"));
        }
        if (!probe.cassandraAnswers()) {
            throw new IllegalStateException("Cassandra does not answer at " + infrastructure.cassandraContactPoint()
                    + " after bin/filament infra up; see " + root.resolve("var/log/cassandra.log"));
        }
        return new InfrastructureLease(root, true);
    }

    @Override
    public void close() {
        if (startedHere) {
            run(repositoryRoot, "down");
        }
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
