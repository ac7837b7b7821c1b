package io.filament.agent.it;

import io.filament.testsupport.RepositoryRoot;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** A real control node from the control-node module's boot jar, fed by the given topics; stopped on close. */
final class ControlNodeJar implements AutoCloseable {

    final int xmppPort;
    /** Introspection ({@code /routes?ri=&prefix=}, {@code /peers}, {@code /config?vrouter=}) on 127.0.0.1. */
    final int httpPort;
    private final Process process;
    private final Path log;

    private ControlNodeJar(Process process, int xmppPort, int httpPort, Path log) {
        this.process = process;
        this.xmppPort = xmppPort;
        this.httpPort = httpPort;
        this.log = log;
    }

    static ControlNodeJar start(Path dir, String secrets, String kafka, String configTopic, String desiredTopic,
                                String statusTopic) throws IOException {
        return start(dir, freePort(), secrets, kafka, configTopic, desiredTopic, statusTopic);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** Starts a control node on the given XMPP port of 127.0.0.1 (to bring back one that was killed). */
    static ControlNodeJar start(Path dir, int port, String secrets, String kafka, String configTopic,
                                String desiredTopic, String statusTopic) throws IOException {
        Path jar = RepositoryRoot.find().resolve("control-node/target/control-node.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build control-node (mvn -pl control-node package)");
        }
        Path secretsFile = dir.resolve("xmpp-agents");
        Files.writeString(secretsFile, secrets);
        Path log = dir.resolve("control-node.log");
        int httpPort = freePort();
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-jar", jar.toString(), "--server.port=" + httpPort, "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off", "--filament.control-node.xmpp-address=127.0.0.1",
                "--filament.control-node.xmpp-port=" + port, "--filament.control-node.tls-offered=false",
                "--filament.control-node.secrets-file=" + secretsFile,
                "--filament.control-node.kafka-bootstrap-servers=" + kafka,
                "--filament.control-node.config-topic=" + configTopic,
                "--filament.control-node.desired-topic=" + desiredTopic,
                "--filament.control-node.status-topic=" + statusTopic,
                "--filament.control-node.end-of-rib-delay=200ms"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ControlNodeJar node = new ControlNodeJar(p, port, httpPort, log);
        try {
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!p.isAlive()) {
                    throw new IllegalStateException("control node exited: " + Files.readString(log));
                }
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                    return true;
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        return node;
    }

    String logText() throws IOException {
        return Files.readString(log);
    }

    /** Kills the node without a goodbye (SIGKILL), as a crash or a lost host would. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }

    /** Stops the node and keeps its log as {@code target/control-node-it-<port>.log} for the report. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            if (Files.exists(log)) {
                Files.copy(log, Path.of("target/control-node-it-" + xmppPort + ".log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot keep the control node's log", e);
        }
    }
}
