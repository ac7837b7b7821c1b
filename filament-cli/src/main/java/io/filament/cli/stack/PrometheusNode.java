package io.filament.cli.stack;

import io.filament.cli.infra.InfraException;
import io.filament.cli.infra.InfraNode;
import io.filament.cli.infra.ManagedProcess;
import io.filament.cli.infra.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's {@code prometheus} (installed by {@code scripts/install-deps.sh}) scraping every service of the local
 * stack with {@code dashboards/prometheus.yml}; its time series live under {@code var/prometheus}, kept two days.
 */
public final class PrometheusNode implements InfraNode {

    /** Where Debian installs it. */
    static final Path EXECUTABLE = Path.of("/usr/bin/prometheus");
    static final String RETENTION = "2d";

    private final Workspace workspace;
    private final Path config;
    private final String host;
    private final int port;
    private final ManagedProcess process;

    public PrometheusNode(Workspace workspace, Path config, String host, int port) {
        this.workspace = workspace;
        this.config = config;
        this.host = host;
        this.port = port;
        this.process = new ManagedProcess(name(), workspace.pidFile(name()));
    }

    /** The stack's Prometheus: 127.0.0.1:9090 with the scrape configuration of {@code dashboards/}. */
    public static PrometheusNode standard(Workspace workspace) {
        return new PrometheusNode(workspace, workspace.root().resolve("dashboards/prometheus.yml"), "127.0.0.1", 9090);
    }

    @Override
    public String name() {
        return "prometheus";
    }

    /** The address it listens on. */
    public String host() {
        return host;
    }

    @Override
    public String address() {
        return host + ":" + port;
    }

    @Override
    public List<Integer> ports() {
        return List.of(port);
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
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new InfraException(EXECUTABLE + " is missing: install it with scripts/install-deps.sh (Debian's prometheus)");
        }
        if (!Files.isRegularFile(config)) {
            throw new InfraException("the scrape configuration " + config + " is missing");
        }
        Path data = Workspace.ensureDirectory(workspace.data(name()));
        process.start(List.of(EXECUTABLE.toString(), "--config.file=" + config, "--storage.tsdb.path=" + data,
                "--storage.tsdb.retention.time=" + RETENTION, "--web.listen-address=" + address()),
                workspace.root(), logFile(), Map.of());
    }

    /** Ready when {@code /-/ready} answers 200 (the TSDB is open and the configuration loaded). */
    @Override
    public boolean answers() {
        return query().ready();
    }

    @Override
    public String describe() {
        return query().version().map(v -> "prometheus " + v).orElse("");
    }

    public PrometheusQuery query() {
        return new PrometheusQuery(address());
    }
}
