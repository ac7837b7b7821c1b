package io.filament.dataplane.it;

import static org.awaitility.Awaitility.await;

import io.filament.dataplane.control.netty.ControlClient;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A dataplane running as its own process from the module's boot jar (as on a real host), optionally inside a network
 * namespace; stopped and its socket removed on {@link #close()}.
 */
final class DataplaneProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target/vrouter-dataplane.jar");
    private final Process process;
    private final Path socket;
    private final Path log;

    private DataplaneProcess(Process process, Path socket, Path log) {
        this.process = process;
        this.socket = socket;
        this.log = log;
    }

    static DataplaneProcess start(String name, String fabricAddress, String namespace) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the package phase first");
        }
        Path dir = Files.createTempDirectory(name);
        Path socket = dir.resolve("dataplane.sock");
        Path log = dir.resolve("dataplane.log");
        List<String> cmd = new ArrayList<>();
        if (!namespace.isEmpty()) {
            cmd.addAll(List.of("ip", "netns", "exec", namespace));
        }
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-jar", JAR.toAbsolutePath().toString(),
                "--server.port=0", "--spring.main.banner-mode=off",
                "--filament.dataplane.host-name=" + name,
                "--filament.dataplane.fabric-address=" + fabricAddress,
                "--filament.dataplane.socket-path=" + socket));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        DataplaneProcess dp = new DataplaneProcess(p, socket, log);
        try {
            // Generous: a Spring Boot start takes seconds alone but minutes on a machine shared with other builds.
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!p.isAlive()) {
                    throw new IllegalStateException("dataplane " + name + " exited: " + dp.logText());
                }
                return Files.exists(socket) && dp.logText().contains("forwarding on fabric");
            });
        } catch (RuntimeException e) {
            dp.close();
            throw e;
        }
        return dp;
    }

    ControlClient connect() throws InterruptedException {
        return ControlClient.connect(socket);
    }

    String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stop() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(socket);
        File dir = log.getParent().toFile();
        Files.deleteIfExists(log);
        dir.delete();
    }
}
