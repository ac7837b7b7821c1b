package io.filament.cli.stack;

import io.filament.cli.fabric.ConfigApi;
import io.filament.cli.fabric.FabricIntent;
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
 * process so that a host's dataplane keeps forwarding while its agent restarts.
 */
public final class LocalStack {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Workspace workspace;
    private final LocalInfrastructure infrastructure;
    private final List<ServiceNode> services;
    private final Clock clock;
    private final PrintStream out;

    LocalStack(Workspace workspace, LocalInfrastructure infrastructure, List<ServiceNode> services, Clock clock,
               PrintStream out) {
        this.workspace = workspace;
        this.infrastructure = infrastructure;
        this.services = List.copyOf(services);
        this.clock = clock;
        this.out = out;
    }

    public static LocalStack standard(Workspace workspace, Clock clock, PrintStream out) {
        Jdk jdk = Jdk.require(25);
        List<ServiceNode> services = StackLayout.services(workspace).stream()
                .map(spec -> new ServiceNode(spec, workspace, jdk)).toList();
        return new LocalStack(workspace, LocalInfrastructure.standard(workspace, clock, out), services, clock, out);
    }

    public LocalInfrastructure infrastructure() {
        return infrastructure;
    }

    public List<ServiceNode> services() {
        return services;
    }

    /** Starts the infrastructure, then every service that is not running, and waits until all are healthy. */
    public Duration up() {
        Instant since = clock.instant();
        out.println("infrastructure:");
        infrastructure.up();
        XmppSecrets.ensure(StackLayout.xmppSecrets(workspace), StackLayout.HOSTS);
        out.println("services:");
        for (ServiceNode service : services) {
            Optional<ProcessHandle> running = service.process().running();
            if (running.isPresent()) {
                out.printf("  %-20s already running (pid %d)%n", service.name(), running.get().pid());
                continue;
            }
            PortGuard.requireFree(service.spec().host(), service.spec().httpPort(), service.name());
            out.printf("  %-20s starting on %s, log %s%n", service.name(), service.address(), service.logFile());
            service.start();
        }
        List<InfraNode> nodes = new ArrayList<>(services);
        new ReadinessWait(clock, out).await(nodes, clock.instant(), READY_TIMEOUT);
        registerHosts();
        Duration took = Duration.between(since, clock.instant());
        out.printf("stack ready in %.1f s%n", took.toMillis() / 1000.0);
        return took;
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

    /** Stops every service, hosts first, and leaves the infrastructure running. */
    public void stopServices() {
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
