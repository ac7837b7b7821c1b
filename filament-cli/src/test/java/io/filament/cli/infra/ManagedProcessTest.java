package io.filament.cli.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedProcessTest {

    @TempDir
    Path dir;

    @Test
    void recordsTheStartedProcessAndStopsExactlyThatOne() throws Exception {
        ManagedProcess process = new ManagedProcess("sleeper", dir.resolve("run/sleeper.pid"));
        ProcessHandle started = process.start(List.of("sleep", "60"), dir, dir.resolve("log/sleeper.log"), Map.of());

        assertThat(process.running()).contains(started);
        assertThat(Files.readString(dir.resolve("run/sleeper.pid"))).startsWith(started.pid() + " ");

        assertThat(process.stop(Duration.ofSeconds(5))).isTrue();
        assertThat(started.isAlive()).isFalse();
        assertThat(process.running()).isEmpty();
        assertThat(dir.resolve("run/sleeper.pid")).doesNotExist();
    }

    @Test
    void doesNotMistakeARecycledPidForItsProcess() throws Exception {
        Path pidFile = dir.resolve("other.pid");
        long self = ProcessHandle.current().pid();
        // Our own pid is alive, but its start time differs from the recorded one.
        Files.writeString(pidFile, self + " 12345\n");
        ManagedProcess process = new ManagedProcess("other", pidFile);

        assertThat(process.running()).isEmpty();
        assertThat(process.stop(Duration.ofSeconds(1))).isFalse();
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }
}
