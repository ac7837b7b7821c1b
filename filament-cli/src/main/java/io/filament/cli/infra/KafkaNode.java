package io.filament.cli.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Kafka broker in KRaft mode (combined broker and controller) from the jars that the
 * {@code infra/kafka} module copies, on 127.0.0.1:9092 with its controller on 9093. Storage under
 * {@code var/kafka} is formatted on first start only, so data survives {@code down} and {@code up}.
 */
public final class KafkaNode implements InfraNode {

    static final String HOST = "127.0.0.1";
    static final int PORT = 9092;
    static final int CONTROLLER_PORT = 9093;
    private static final int PROBE_TIMEOUT_MS = 8000;

    private final Workspace workspace;
    private final Jdk jdk;
    private final ManagedProcess process;

    public KafkaNode(Workspace workspace, Jdk jdk) {
        this.workspace = workspace;
        this.jdk = jdk;
        this.process = new ManagedProcess(name(), workspace.pidFile(name()));
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public String address() {
        return HOST + ":" + PORT;
    }

    @Override
    public List<Integer> ports() {
        return List.of(PORT, CONTROLLER_PORT);
    }

    @Override
    public ManagedProcess process() {
        return process;
    }

    @Override
    public Path logFile() {
        return workspace.log(name());
    }

    @Override
    public void start() {
        Path lib = workspace.jars("infra/kafka");
        Path conf = Workspace.ensureDirectory(workspace.conf(name()));
        Path data = Workspace.ensureDirectory(workspace.data(name()));
        Workspace.ensureDirectory(logFile().getParent());
        Path serverProperties = write(conf.resolve("server.properties"), serverProperties(data));
        Path log4j = write(conf.resolve("log4j2.properties"), LOG4J2);
        String classpath = lib + "/*";
        if (!Files.exists(data.resolve("meta.properties"))) {
            format(classpath, serverProperties, log4j);
        }
        process.start(List.of(jdk.java().toString(), "-Xms256m", "-Xmx512m", "-XX:+UseG1GC",
                        "-Dlog4j2.configurationFile=" + log4j, "-cp", classpath, "kafka.Kafka", serverProperties.toString()),
                workspace.root(), logFile(), Map.of());
    }

    private void format(String classpath, Path serverProperties, Path log4j) {
        List<String> command = List.of(jdk.java().toString(), "-Dlog4j2.configurationFile=" + log4j, "-cp", classpath,
                "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                "-c", serverProperties.toString());
        try {
            Process format = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile())).start();
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new InfraException("formatting Kafka storage in " + workspace.data(name())
                        + " failed; see " + logFile());
            }
        } catch (IOException e) {
            throw new InfraException("cannot run Kafka's storage tool: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraException("interrupted while formatting Kafka storage", e);
        }
    }

    @Override
    public boolean answers() {
        return !describe().isEmpty();
    }

    @Override
    public String describe() {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, address(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, PROBE_TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, PROBE_TIMEOUT_MS,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        try (Admin admin = Admin.create(config)) {
            DescribeClusterResult cluster = admin.describeCluster();
            int brokers = cluster.nodes().get(PROBE_TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
            String clusterId = cluster.clusterId().get(PROBE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return "KRaft cluster " + clusterId + ", " + brokers + " broker" + (brokers == 1 ? "" : "s");
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static String serverProperties(Path data) {
        return """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@%1$s:%3$d
                listeners=PLAINTEXT://%1$s:%2$d,CONTROLLER://%1$s:%3$d
                advertised.listeners=PLAINTEXT://%1$s:%2$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
                log.dirs=%4$s
                num.partitions=1
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=4
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                transaction.state.log.num.partitions=4
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                log.cleaner.backoff.ms=1000
                log.cleaner.dedupe.buffer.size=33554432
                """.formatted(HOST, PORT, CONTROLLER_PORT, data);
    }

    private static final String LOG4J2 = """
            appender.console.type=Console
            appender.console.name=console
            appender.console.layout.type=PatternLayout
            appender.console.layout.pattern=[%d] %p %m (%c)%n
            rootLogger.level=info
            rootLogger.appenderRef.console.ref=console
            logger.kafka.name=org.apache.kafka
            logger.kafka.level=warn
            """;

    static Path write(Path file, String content) {
        try {
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
