package io.filament.schema.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged application ({@code target/schema-transformer.jar}) run as its own JVM, as in production, so that a
 * test can kill it without warning. Its health endpoint tells whether it is the active instance.
 */
final class TransformerJvm implements AutoCloseable {

    private static final Path JAR = Path.of("target", "schema-transformer.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private TransformerJvm(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static TransformerJvm start(String name, TestTopics topics, String keyspace) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing; integration tests run after package");
        }
        int port = freePort();
        Path log = Path.of("target", "it-logs", name + "-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
                "-jar", JAR.toString(),
                "--server.port=" + port,
                "--filament.schema.kafka-bootstrap-servers=" + topics.bootstrapServers(),
                "--filament.schema.topics.config=" + topics.config(),
                "--filament.schema.topics.desired=" + topics.desired(),
                "--filament.schema.topics.dead-letter=" + topics.deadLetter(),
                "--filament.schema.cassandra.keyspace=" + keyspace,
                "--filament.schema.lease.owner=" + name));
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            return new TransformerJvm(process, port, log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        }
    }

    /** The health document, or an empty string while the application does not answer. */
    String health() {
        try {
            var response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    String prometheus() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    boolean isActive() {
        return health().contains("\"role\":\"active\"");
    }

    boolean isStandby() {
        return health().contains("\"role\":\"standby\"");
    }

    TransformerJvm awaitActive() {
        await("instance on port " + port + " active (log " + log + ")").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200))
                .failFast("process exited", () -> !process.isAlive())
                .until(this::isActive);
        return this;
    }

    TransformerJvm awaitUp() {
        await("instance on port " + port + " up (log " + log + ")").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200))
                .failFast("process exited", () -> !process.isAlive())
                .until(() -> isActive() || isStandby());
        return this;
    }

    /** SIGKILL: no shutdown hook runs, the lease is not released. */
    void kill() {
        process.destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
