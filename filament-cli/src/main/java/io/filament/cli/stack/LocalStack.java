package io.filament.cli.stack;

import io.filament.cli.fabric.ConfigApi;
import io.filament.cli.fabric.FabricIntent;
import io.filament.cli.http.ServiceClient;
import io.filament.cli.http.ServiceError;
import io.filament.cli.infra.InfraException;
import io.filament.cli.infra.InfraNode;
import io.filament.cli.infra.Jdk;
import io.filament.cli.infra.LocalInfrastructure;
import io.filament.cli.infra.PortGuard;
import io.filament.cli.infra.ReadinessWait;
import io.filament.cli.infra.Workspace;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The whole fabric on one machine: the local infrastructure, the control-plane services, and two simulated
 * hosts ({@code host1} on 127.0.0.11, {@code host2} on 127.0.0.12), each with its own dataplane and agent
 * process so that a host's dataplane keeps forwarding while its agent restarts; Prometheus scrapes them all.
 */
public final class LocalStack {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);
    /** Long enough for a service that recorded its ahead-of-time cache to write it on the way out. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(45);
    /** A fabric metric every stack exports (the control node's XMPP sessions); up waits until Prometheus has it. */
    static final String FABRIC_METRIC = "filament_control_xmpp_sessions";
    private static final Duration FIRST_SCRAPE_TIMEOUT = Duration.ofSeconds(60);
    private static final String AGENT_MODULE = "vrouter-agent";

    /** Agents refused before their virtual-router existed retry with a back-off of at most 30 s. */
    private static final Duration AGENT_SESSIONS_TIMEOUT = Duration.ofSeconds(90);

    private final Workspace workspace;
    private final LocalInfrastructure infrastructure;
    private final List<ServiceNode> services;
    private final PrometheusNode prometheus;
    private final Clock clock;
    private final PrintStream out;

    LocalStack(Workspace workspace, LocalInfrastructure infrastructure, List<ServiceNode> services,
               PrometheusNode prometheus, Clock clock, PrintStream out) {
        this.workspace = workspace;
        this.infrastructure = infrastructure;
        this.services = List.copyOf(services);
        this.prometheus = prometheus;
        this.clock = clock;
        this.out = out;
    }

    public static LocalStack standard(Workspace workspace, Clock clock, PrintStream out) {
        Jdk jdk = Jdk.require(25);
        List<ServiceNode> services = StackLayout.services(workspace).stream()
                .map(spec -> new ServiceNode(spec, workspace, jdk)).toList();
        return new LocalStack(workspace, LocalInfrastructure.standard(workspace, clock, out), services,
                PrometheusNode.standard(workspace), clock, out);
    }

    public LocalInfrastructure infrastructure() {
        return infrastructure;
    }

    public List<ServiceNode> services() {
        return services;
    }

    public PrometheusNode prometheus() {
        return prometheus;
    }

    /**
     * Starts the infrastructure, then every service and Prometheus that are not running, waits until all are
     * healthy and until Prometheus answers a query for a fabric metric.
     */
    public Duration up() {
        Instant since = clock.instant();
        out.println("infrastructure:");
        infrastructure.up();
        XmppSecrets.ensure(StackLayout.xmppSecrets(workspace), StackLayout.HOSTS);
        out.println("services:");
        List<ServiceNode> agents = new ArrayList<>();
        for (ServiceNode service : services) {
            if (service.spec().module().equals(AGENT_MODULE) && service.process().running().isEmpty()) {
                agents.add(service);
                continue;
            }
            start(service);
        }
        startPrometheus();
        List<InfraNode> nodes = new ArrayList<>(services);
        nodes.add(prometheus);
        if (!agents.isEmpty()) {
            // An agent connects to the control node as soon as it runs; one started before the control node listens,
            // or before its virtual-router exists, is refused and backs off (up to 30 s). So the agents start once
            // the control node answers and their virtual-routers are in the config.
            List<InfraNode> first = List.of(service("config-api"), service("control-node"));
            new ReadinessWait(clock, out).await(first, since, READY_TIMEOUT);
            nodes.removeAll(first);
            registerHosts();
            agents.forEach(this::start);
        }
        new ReadinessWait(clock, out).await(nodes, since, READY_TIMEOUT);
        registerHosts();
        new AgentSessionsWait(new ServiceClient("control-node", service("control-node").address()), clock, out)
                .await(StackLayout.HOSTS.stream().map(StackLayout.SimulatedHost::name).toList(), AGENT_SESSIONS_TIMEOUT);
        int series = prometheus.query().awaitSeries(FABRIC_METRIC, FIRST_SCRAPE_TIMEOUT, clock).size();
        out.printf("  %-20s answers %s (%d series): http://%s/api/v1/query?query=%s%n", prometheus.name(),
                FABRIC_METRIC, series, prometheus.address(), FABRIC_METRIC);
        Duration took = Duration.between(since, clock.instant());
        out.printf("stack ready in %.1f s%n", took.toMillis() / 1000.0);
        return took;
    }

    private void start(ServiceNode service) {
        Optional<ProcessHandle> running = service.process().running();
        if (running.isPresent()) {
            out.printf("  %-20s already running (pid %d)%n", service.name(), running.get().pid());
            return;
        }
        PortGuard.requireFree(service.spec().host(), service.spec().httpPort(), service.name());
        out.printf("  %-20s starting on %s, log %s%n", service.name(), service.address(), service.logFile());
        service.start();
    }

    private void startPrometheus() {
        Optional<ProcessHandle> running = prometheus.process().running();
        if (running.isPresent()) {
            out.printf("  %-20s already running (pid %d)%n", prometheus.name(), running.get().pid());
            return;
        }
        PortGuard.requireFree(prometheus.host(), prometheus.ports().getFirst(), prometheus.name());
        out.printf("  %-20s starting on %s, log %s%n", prometheus.name(), prometheus.address(), prometheus.logFile());
        prometheus.start();
    }

    /** Every simulated host is a virtual-router in the config, so that the control node accepts its agent. */
    private void registerHosts() {
        FabricIntent intent = new FabricIntent(new ConfigApi(service("config-api").address()));
        for (StackLayout.SimulatedHost host : StackLayout.HOSTS) {
            try {
                intent.virtualRouter(host.name(), host.fabricAddress());
                out.printf("  %-20s registered as virtual-router %s%n", host.name(), host.fabricAddress());
            } catch (ServiceError e) {
                if (e.status() != 409) {
                    throw e;
                }
            }
        }
    }

    /** Stops every service (hosts first), then the infrastructure. */
    public void down() {
        stopServices();
        infrastructure.down();
    }

    /** Stops Prometheus and every service, hosts first, and leaves the infrastructure running. */
    public void stopServices() {
        Optional<ProcessHandle> scraping = prometheus.process().running();
        if (scraping.isPresent()) {
            prometheus.process().stop(STOP_GRACE);
            out.printf("  %-20s stopped (pid %d)%n", prometheus.name(), scraping.get().pid());
        }
        for (ServiceNode service : services.reversed()) {
            Optional<ProcessHandle> running = service.process().running();
            if (running.isPresent()) {
                long pid = running.get().pid();
                service.process().stop(STOP_GRACE);
                out.printf("  %-20s stopped (pid %d)%n", service.name(), pid);
            }
        }
    }

    ServiceNode service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new InfraException("no service named " + name));
    }
}
