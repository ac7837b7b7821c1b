package io.filament.configapi.it;

import static org.awaitility.Awaitility.await;

import io.filament.testsupport.RepositoryRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A single-node KRaft broker of this test's own, from the jars {@code infra/kafka} copies to its target/lib, on free
 * loopback ports. Only this broker is ever stopped by a test; the shared one stays up.
 */
final class PrivateKafkaBroker implements AutoCloseable {

    private final Path dir;
    private final Path lib;
    private final int port;
    private Process process;

    private PrivateKafkaBroker(Path dir, Path lib, int port) {
        this.dir = dir;
        this.lib = lib;
        this.port = port;
    }

    static PrivateKafkaBroker format() throws IOException, InterruptedException {
        Path lib = RepositoryRoot.find().resolve("infra/kafka/target/lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("Kafka jars missing at " + lib + ": build infra/kafka first");
        }
        int port = freePort();
        int controller = freePort();
        Path dir = Files.createTempDirectory("config-api-kafka-");
        Files.writeString(dir.resolve("server.properties"), String.join("\n",
                "process.roles=broker,controller", "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controller,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER", "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"), "num.partitions=1",
                "offsets.topic.replication.factor=1", "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1", "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1", "group.initial.rebalance.delay.ms=0", ""));
        Files.writeString(dir.resolve("log4j2.properties"), String.join("\n",
                "appender.console.type=Console", "appender.console.name=STDOUT",
                "appender.console.layout.type=PatternLayout", "appender.console.layout.pattern=%d %p %c - %m%n",
                "rootLogger.level=info", "rootLogger.appenderRef.stdout.ref=STDOUT", ""));
        PrivateKafkaBroker broker = new PrivateKafkaBroker(dir, lib, port);
        Process format = broker.java("kafka.tools.StorageTool", "format", "-t", UUID.randomUUID().toString()
                        .replace("-", "").substring(0, 22), "-c", dir.resolve("server.properties").toString())
                .redirectOutput(dir.resolve("format.log").toFile()).redirectErrorStream(true).start();
        if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IllegalStateException("Formatting the private broker failed: "
                    + Files.readString(dir.resolve("format.log")));
        }
        return broker;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private ProcessBuilder java(String main, String... args) {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        List<String> command = Stream.concat(Stream.of(javaBin, "-Xms128m", "-Xmx384m",
                "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"),
                "-cp", lib.resolve("*").toString(), main), Stream.of(args)).toList();
        return new ProcessBuilder(command);
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    void start() throws IOException {
        Path log = dir.resolve("broker.log");
        Files.deleteIfExists(log);
        process = java("kafka.Kafka", dir.resolve("server.properties").toString())
                .redirectOutput(log.toFile()).redirectErrorStream(true).start();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("Private broker exited: " + Files.readString(log));
            }
            return Files.readString(log).contains("Kafka Server started");
        });
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
