package io.filament.cli.stack;

import io.filament.cli.infra.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Which services the local stack runs, where, and with what settings. */
public final class StackLayout {

    /** The simulated hosts: name and fabric address (a loopback address of its own). */
    public static final List<SimulatedHost> HOSTS = List.of(
            new SimulatedHost("host1", "127.0.0.11"),
            new SimulatedHost("host2", "127.0.0.12"));

    static final String KAFKA = "127.0.0.1:9092";
    static final String CONTROL_NODE_XMPP = "127.0.0.1:5269";

    private StackLayout() {
    }

    public record SimulatedHost(String name, String fabricAddress) {
    }

    /** The file of {@code hostname:password} lines the control node authenticates agents with. */
    public static Path xmppSecrets(Workspace workspace) {
        return workspace.secrets().resolve("xmpp-agents");
    }

    public static Path dataplaneSocket(Workspace workspace, SimulatedHost host) {
        return workspace.root().resolve("var/run/dataplane-" + host.name() + ".sock");
    }

    static List<ServiceSpec> services(Workspace workspace) {
        String secrets = xmppSecrets(workspace).toString();
        List<ServiceSpec> services = new ArrayList<>(List.of(
                new ServiceSpec("config-api", "config-api-service", "127.0.0.1", 8082, "512m", List.of()),
                new ServiceSpec("schema-transformer", "schema-transformer", "127.0.0.1", 8087, "384m", List.of()),
                new ServiceSpec("control-node", "control-node", "127.0.0.1", 8083, "384m", List.of(
                        "--filament.control-node.kafka-bootstrap-servers=" + KAFKA,
                        "--filament.control-node.secrets-file=" + secrets,
                        // TF's restart_time: an agent restarting on a loaded machine may take over a minute
                        "--filament.control-node.graceful-restart-time=300s")),
                new ServiceSpec("analytics", "analytics-service", "127.0.0.1", 8081, "384m", List.of())));
        for (SimulatedHost host : HOSTS) {
            String socket = dataplaneSocket(workspace, host).toString();
            services.add(new ServiceSpec("dataplane-" + host.name(), "vrouter-dataplane", host.fabricAddress(), 8098,
                    "256m", List.of("--filament.dataplane.host-name=" + host.name(),
                            "--filament.dataplane.fabric-address=" + host.fabricAddress(),
                            "--filament.dataplane.socket-path=" + socket)));
            services.add(new ServiceSpec("agent-" + host.name(), "vrouter-agent", host.fabricAddress(), 8085,
                    "256m", List.of("--filament.host.name=" + host.name(),
                            "--filament.host.fabric-address=" + host.fabricAddress(),
                            "--filament.control-nodes=" + CONTROL_NODE_XMPP,
                            "--filament.dataplane.socket=" + socket,
                            "--filament.xmpp.password-file=" + secrets)));
        }
        return services;
    }
}
