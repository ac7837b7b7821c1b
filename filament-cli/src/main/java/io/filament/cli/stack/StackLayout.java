package io.filament.cli.stack;

import java.util.ArrayList;
import java.util.List;

/** Which services the local stack runs, where, and with what settings. */
public final class StackLayout {

    /** The simulated hosts: name and fabric address (a loopback address of its own). */
    public static final List<SimulatedHost> HOSTS = List.of(
            new SimulatedHost("host1", "127.0.0.11"),
            new SimulatedHost("host2", "127.0.0.12"));

    private StackLayout() {
    }

    public record SimulatedHost(String name, String fabricAddress) {
    }

    static List<ServiceSpec> services() {
        List<ServiceSpec> services = new ArrayList<>(List.of(
                new ServiceSpec("config-api", "config-api-service", "127.0.0.1", 8082, "512m", List.of()),
                new ServiceSpec("schema-transformer", "schema-transformer", "127.0.0.1", 8087, "384m", List.of()),
                new ServiceSpec("control-node", "control-node", "127.0.0.1", 8083, "384m", List.of()),
                new ServiceSpec("analytics", "analytics-service", "127.0.0.1", 8081, "384m", List.of())));
        for (SimulatedHost host : HOSTS) {
            services.add(new ServiceSpec("dataplane-" + host.name(), "vrouter-dataplane", host.fabricAddress(), 8098,
                    "256m", List.of("--filament.host.name=" + host.name(),
                            "--filament.host.fabric-address=" + host.fabricAddress())));
            services.add(new ServiceSpec("agent-" + host.name(), "vrouter-agent", host.fabricAddress(), 8085,
                    "256m", List.of("--filament.host.name=" + host.name(),
                            "--filament.host.fabric-address=" + host.fabricAddress())));
        }
        return services;
    }
}
