package io.filament.cli.demo;

import io.filament.cli.fabric.ConfigApi;
import io.filament.cli.fabric.FabricIntent;
import io.filament.cli.fabric.FabricIntent.PolicyRule;
import io.filament.cli.fabric.FabricIntent.Port;
import io.filament.cli.fabric.PortApi;
import io.filament.cli.infra.InfraException;
import io.filament.cli.netns.Netns;
import io.filament.cli.netns.Ping;
import io.filament.cli.stack.StackLayout;
import io.filament.cli.stack.StackLayout.SimulatedHost;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The demo that {@code bin/filament up --demo} runs on a healthy stack: project {@code demo}, networks red
 * (10.1.1.0/24) and blue (10.2.2.0/24), policy red-blue (ICMP and TCP/80 both ways), VMs red-1 on host1,
 * red-2 and blue-1 on host2 — each a namespace plugged through its host's port API and addressed by DHCP —
 * then reachability checks before, without and again with the policy.
 */
public final class DemoScenario {

    public static final String PROJECT = "demo";
    private static final List<DemoVm> VMS = List.of(
            new DemoVm("red-1", "red", "host1"),
            new DemoVm("red-2", "red", "host2"),
            new DemoVm("blue-1", "blue", "host2"));
    private static final Duration CONVERGENCE = Duration.ofSeconds(15);

    private final FabricIntent intent;
    private final DemoNamespaces namespaces;
    private final DhcpClient dhcp;
    private final PrintStream out;
    private final Map<String, Port> ports = new LinkedHashMap<>();
    private final Map<String, Netns> vms = new LinkedHashMap<>();
    private final List<DemoCheck> checks = new ArrayList<>();

    public DemoScenario(FabricIntent intent, DemoNamespaces namespaces, DhcpClient dhcp, PrintStream out) {
        this.intent = intent;
        this.namespaces = namespaces;
        this.dhcp = dhcp;
        this.out = out;
    }

    record DemoVm(String name, String network, String host) {
    }

    /** Runs every step; returns the checks made. Fails at the first step that cannot complete, naming it. */
    public List<DemoCheck> run() {
        step("remove the previous demo's objects and ports", () -> {
            int objects = new ProjectTeardown(intent.api()).removeProject(PROJECT);
            List<String> demoNamespaces = VMS.stream().map(DemoScenario::namespaceOf).toList();
            int unplugged = 0;
            for (SimulatedHost host : StackLayout.HOSTS) {
                unplugged += new PortApi(host.fabricAddress()).unplugIn(demoNamespaces);
            }
            return objects + " objects, " + unplugged + " ports";
        });
        Map<String, String> networks = new LinkedHashMap<>();
        String[] policy = new String[1];
        step("declare project, networks red and blue, policy red-blue", () -> {
            intent.project(PROJECT);
            networks.put("red", intent.network(PROJECT, "red", "10.1.1.0/24"));
            networks.put("blue", intent.network(PROJECT, "blue", "10.2.2.0/24"));
            policy[0] = intent.bidirectionalPolicy(PROJECT, "red-blue", "red", "blue",
                    List.of(PolicyRule.any("icmp"), new PolicyRule("tcp", 80, 80)));
            attach(networks, policy[0]);
            return "red 10.1.1.0/24, blue 10.2.2.0/24, red-blue attached to both";
        });
        for (DemoVm vm : VMS) {
            step("create and plug " + vm.name() + " on " + vm.host(), () -> {
                Port port = intent.port(PROJECT, vm.name(), vm.network(), vm.host());
                ports.put(vm.name(), port);
                Netns netns = namespaces.create(namespaceOf(vm));
                vms.put(vm.name(), netns);
                new PortApi(fabricAddress(vm.host())).plug(port, netns.name(), "eth0");
                return port.ipAddress() + " " + port.macAddress() + ", namespace " + netns.name();
            });
            step("DHCP in " + vm.name(), () -> {
                String leased = dhcp.lease(vms.get(vm.name()), "eth0");
                String expected = ports.get(vm.name()).ipAddress();
                if (!leased.startsWith(expected + "/")) {
                    throw new InfraException("udhcpc configured " + leased + " but the config API allocated " + expected);
                }
                return leased;
            });
        }
        check("same network, across hosts", "red-1", "red-2", true);
        check("across networks, allowed by policy", "red-1", "blue-1", true);
        step("detach policy red-blue", () -> {
            networks.values().forEach(vn -> intent.detachPolicy(vn, policy[0]));
            return "from red and blue";
        });
        check("across networks, no policy", "red-1", "blue-1", false);
        check("same network, no policy needed", "red-1", "red-2", true);
        step("re-attach policy red-blue", () -> {
            attach(networks, policy[0]);
            return "to red and blue";
        });
        check("across networks, policy back", "red-1", "blue-1", true);
        return List.copyOf(checks);
    }

    private void attach(Map<String, String> networks, String policyUuid) {
        networks.values().forEach(vn -> intent.attachPolicy(vn, policyUuid, 0));
    }

    /** Waits (up to the convergence time) for the expected outcome, then measures it with a short ping run. */
    private void check(String what, String from, String to, boolean expectReachable) {
        Netns source = vms.get(from);
        String destination = ports.get(to).ipAddress();
        long deadline = System.nanoTime() + CONVERGENCE.toNanos();
        Ping.PingResult result;
        do {
            result = Ping.from(source, destination, 3, 1);
        } while ((result.received() > 0) != expectReachable && System.nanoTime() < deadline);
        DemoCheck check = new DemoCheck(what, from, to, expectReachable, result.sent(), result.received(),
                result.medianMillis());
        checks.add(check);
        out.printf("  check %-36s %s -> %s: %s%n", what, from, to, check.outcome());
        if (!check.passed()) {
            throw new InfraException("check \"" + what + "\" failed: " + from + " -> " + to + " ("
                    + destination + ") expected " + (expectReachable ? "reachable" : "blocked") + "; ping said:\n"
                    + result.output().strip());
        }
    }

    private void step(String name, Supplier<String> action) {
        long start = System.nanoTime();
        String detail;
        try {
            detail = action.get();
        } catch (RuntimeException e) {
            throw new InfraException("demo step \"" + name + "\" failed: " + e.getMessage()
                    + "\n  logs: var/log/config-api.log, var/log/agent-<host>.log, var/log/dataplane-<host>.log", e);
        }
        out.printf("  %-52s done in %4d ms  %s%n", name, (System.nanoTime() - start) / 1_000_000, detail);
    }

    private static String namespaceOf(DemoVm vm) {
        return "fil-" + vm.name();
    }

    private static String fabricAddress(String host) {
        return StackLayout.HOSTS.stream().filter(h -> h.name().equals(host)).findFirst()
                .map(SimulatedHost::fabricAddress).orElseThrow();
    }

    public Map<String, Port> ports() {
        return ports;
    }

    public static ConfigApi configApi() {
        return new ConfigApi("127.0.0.1:8082");
    }
}
