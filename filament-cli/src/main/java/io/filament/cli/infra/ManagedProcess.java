package io.filament.cli.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A background process this checkout started, remembered by a pid file holding its pid and start time, so
 * that a recycled pid is never mistaken for it and {@code down} stops exactly what {@code up} started.
 */
public final class ManagedProcess {

    private final String name;
    private final Path pidFile;

    public ManagedProcess(String name, Path pidFile) {
        this.name = name;
        this.pidFile = pidFile;
    }

    public String name() {
        return name;
    }

    /** The live process recorded in the pid file, if it is still the one that was started. */
    public Optional<ProcessHandle> running() {
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        String[] fields;
        try {
            fields = Files.readString(pidFile).trim().split("\\s+");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pidFile, e);
        }
        if (fields.length != 2) {
            return Optional.empty();
        }
        long pid = Long.parseLong(fields[0]);
        long startMillis = Long.parseLong(fields[1]);
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> startMillis(handle) == startMillis);
    }

    public Optional<Duration> uptime() {
        return running().flatMap(handle -> handle.info().startInstant())
                .map(start -> Duration.between(start, Instant.now()));
    }

    /**
     * Starts the command in its own session (so a terminal's Ctrl-C or hang-up does not reach it), with
     * stdin from /dev/null and stdout and stderr appended to {@code log}.
     */
    public ProcessHandle start(List<String> command, Path workingDirectory, Path log, Map<String, String> environment) {
        List<String> detached = new ArrayList<>();
        detached.add("setsid");
        detached.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(detached)
                .directory(workingDirectory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            Workspace.ensureDirectory(log.getParent());
            Workspace.ensureDirectory(pidFile.getParent());
            ProcessHandle handle = builder.start().toHandle();
            Files.writeString(pidFile, handle.pid() + " " + startMillis(handle) + "\n");
            return handle;
        } catch (IOException e) {
            throw new InfraException("cannot start " + name + " (" + command.getFirst() + "): " + e.getMessage(), e);
        }
    }

    /** Sends SIGTERM, waits up to {@code grace}, then SIGKILL; removes the pid file. */
    public boolean stop(Duration grace) {
        Optional<ProcessHandle> process = running();
        if (process.isEmpty()) {
            deletePidFile();
            return false;
        }
        ProcessHandle handle = process.get();
        CompletableFuture<ProcessHandle> exit = handle.onExit();
        handle.destroy();
        try {
            exit.get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            handle.destroyForcibly();
            exit.join();
        } catch (ExecutionException e) {
            throw new InfraException("waiting for " + name + " to stop failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraException("interrupted while stopping " + name, e);
        }
        deletePidFile();
        return true;
    }

    private void deletePidFile() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + pidFile, e);
        }
    }

    private static long startMillis(ProcessHandle handle) {
        return handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }
}
