package io.filament.agent.it;

import io.filament.testsupport.RepositoryRoot;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** A real vrouter-dataplane process from that module's boot jar, with its own socket; stopped on close. */
final class DataplaneJar implements AutoCloseable {

    private final Process process;
    final Path socket;
    private final Path dir;
    private final Path log;

    private DataplaneJar(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
        this.socket = dir.resolve("dataplane.sock");
        this.log = dir.resolve("dataplane.log");
    }

    static DataplaneJar start(String host, String fabricAddress) throws IOException {
        return start(host, fabricAddress, List.of());
    }

    /** Starts one with extra application arguments ({@code --filament.dataplane.…=…}). */
    static DataplaneJar start(String host, String fabricAddress, List<String> arguments) throws IOException {
        Path jar = RepositoryRoot.find().resolve("vrouter-dataplane/target/vrouter-dataplane.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build vrouter-dataplane (mvn -pl vrouter-dataplane package)");
        }
        Path dir = Files.createTempDirectory("agent-it-" + host);
        DataplaneJar dp = new DataplaneJar(new ProcessBuilder(concat(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString(), "--server.port=0", "--spring.main.banner-mode=off",
                "--filament.dataplane.host-name=" + host, "--filament.dataplane.fabric-address=" + fabricAddress,
                "--filament.dataplane.socket-path=" + dir.resolve("dataplane.sock")), arguments))
                .redirectErrorStream(true).redirectOutput(dir.resolve("dataplane.log").toFile()).start(), dir);
        try {
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!dp.process.isAlive()) {
                    throw new IllegalStateException("dataplane " + host + " exited: " + dp.logText());
                }
                return Files.exists(dp.socket) && dp.logText().contains("forwarding on fabric");
            });
        } catch (RuntimeException e) {
            String log = dp.logText();
            dp.close();
            throw new IllegalStateException("dataplane " + host + " did not come up: " + log, e);
        }
        return dp;
    }

    private static List<String> concat(List<String> command, List<String> arguments) {
        List<String> all = new java.util.ArrayList<>(command);
        all.addAll(arguments);
        return all;
    }

    String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        Files.deleteIfExists(socket);
        Files.deleteIfExists(log);
        File d = dir.toFile();
        if (!d.delete()) {
            throw new IOException("could not remove " + dir);
        }
    }
}
