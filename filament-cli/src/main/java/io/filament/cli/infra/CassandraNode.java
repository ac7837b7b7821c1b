package io.filament.cli.infra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A single Cassandra 5.0 node from the jars that the {@code infra/cassandra} module copies, run in its own
 * JVM on JDK 17 (Cassandra 5.0 needs the SecurityManager, which JDK 25 no longer allows), with CQL on
 * 127.0.0.1:9042 and data under {@code var/cassandra}.
 */
public final class CassandraNode implements InfraNode {

    static final String HOST = "127.0.0.1";
    static final int CQL_PORT = 9042;
    static final int STORAGE_PORT = 7000;
    static final int JMX_PORT = 7199;
    static final String DATACENTER = "datacenter1";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(8);

    private final Workspace workspace;
    private final Jdk jdk;
    private final String heap;
    private final ManagedProcess process;

    public CassandraNode(Workspace workspace, Jdk jdk, String heap) {
        this.workspace = workspace;
        this.jdk = jdk;
        this.heap = heap;
        this.process = new ManagedProcess(name(), workspace.pidFile(name()));
    }

    @Override
    public String name() {
        return "cassandra";
    }

    @Override
    public String address() {
        return HOST + ":" + CQL_PORT;
    }

    @Override
    public List<Integer> ports() {
        return List.of(CQL_PORT, STORAGE_PORT, JMX_PORT);
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
        Path lib = workspace.jars("infra/cassandra");
        Path conf = Workspace.ensureDirectory(workspace.conf(name()));
        Path data = Workspace.ensureDirectory(workspace.data(name()));
        Path yaml = KafkaNode.write(conf.resolve("cassandra.yaml"), CassandraConfig.yaml(HOST, CQL_PORT, STORAGE_PORT, data));
        Path logback = KafkaNode.write(conf.resolve("logback.xml"), CassandraConfig.LOGBACK);
        List<String> command = new ArrayList<>();
        command.add(jdk.java().toString());
        command.addAll(CassandraConfig.jvmOptions(heap));
        command.addAll(List.of(
                "-Dcassandra.config=file://" + yaml,
                "-Dlogback.configurationFile=file://" + logback,
                "-Dcassandra.storagedir=" + data,
                "-Dcassandra.jmx.local.port=" + JMX_PORT,
                "-cp", lib + "/*",
                "org.apache.cassandra.service.CassandraDaemon"));
        process.start(command, workspace.root(), logFile(), Map.of());
    }

    @Override
    public boolean answers() {
        return !describe().isEmpty();
    }

    @Override
    public String describe() {
        DriverConfigLoader loader = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, PROBE_TIMEOUT)
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, PROBE_TIMEOUT)
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, PROBE_TIMEOUT)
                .build();
        try (CqlSession session = CqlSession.builder()
                .addContactPoint(new InetSocketAddress(HOST, CQL_PORT))
                .withLocalDatacenter(DATACENTER)
                .withConfigLoader(loader)
                .build()) {
            Row row = session.execute("SELECT release_version FROM system.local").one();
            return row == null ? "" : "Cassandra " + row.getString("release_version");
        } catch (RuntimeException e) {
            return "";
        }
    }
}
