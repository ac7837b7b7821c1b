package io.filament.cli.bench;

import io.filament.cli.demo.DemoNamespaces;
import io.filament.cli.demo.DhcpClient;
import io.filament.cli.demo.ProjectTeardown;
import io.filament.cli.fabric.FabricIntent;
import io.filament.cli.fabric.FabricIntent.Port;
import io.filament.cli.fabric.PortApi;
import io.filament.cli.infra.InfraException;
import io.filament.cli.netns.HostCommand;
import io.filament.cli.netns.Netns;
import io.filament.cli.netns.EchoProbe;
import io.filament.cli.stack.StackLayout;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Port-up latency on the local stack: for each VM, its namespace is plugged on host2 first (port API; the agent
 * creates the TAP at once, in its unbound VRF) and the guest's static address is configured on it, as a VM that has
 * booted before its port is bound; then the clock starts at the REST create of its VMI and instance-ip and stops at
 * the first echo reply it gives a probe VM on host1 — config API, schema transformer, control node, both agents and
 * both dataplanes all on the path.
 */
public final class PortUpBenchmark {

    private static final String PROJECT = "bench";
    private static final String NETWORK = "bench-net";
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final String VROUTER_MAC = "00:00:5e:00:01:00";
    private static final String GATEWAY = "10.9.255.254";

    private final FabricIntent intent;
    private final DemoNamespaces namespaces;
    private final DhcpClient dhcp;
    private final Path echoProbe;
    private final PrintStream out;
    private final List<Port> plugged = new ArrayList<>();

    public PortUpBenchmark(FabricIntent intent, DemoNamespaces namespaces, DhcpClient dhcp, Path echoProbe,
                           PrintStream out) {
        this.intent = intent;
        this.namespaces = namespaces;
        this.dhcp = dhcp;
        this.echoProbe = echoProbe;
        this.out = out;
    }

    public Percentiles run(int vms) {
        if (vms < 1 || vms > 200) {
            throw new InfraException("--vms must be 1..200, got " + vms);
        }
        new ProjectTeardown(intent.api()).removeProject(PROJECT);
        intent.project(PROJECT);
        intent.network(PROJECT, NETWORK, "10.9.0.0/16");
        Port probe = intent.port(PROJECT, "probe", NETWORK, "host1");
        List<Double> millis = new ArrayList<>();
        List<Double> plugs = new ArrayList<>();
        try {
            Netns probeNs = namespaces.create("fil-bench-probe");
            new PortApi(fabric("host1")).plug(probe, probeNs.name(), "eth0");
            plugged.add(probe);
            out.println("probe " + probe.ipAddress() + " on host1: " + dhcp.lease(probeNs, "eth0"));
            for (int i = 1; i <= vms; i++) {
                Sample sample = measureOne(i, probeNs);
                millis.add(sample.firstReply());
                plugs.add(sample.plugged());
                out.printf(Locale.ROOT, "  vm %3d  port-up %8.1f ms  (plugged and addressed before it in %.1f ms)%n",
                        i, sample.firstReply(), sample.plugged());
            }
        } finally {
            unplugAll();
            namespaces.deleteAll();
        }
        Percentiles plugged = Percentiles.of(plugs);
        out.printf(Locale.ROOT, "plug to eth0 addressed (before the clock): p50 %.1f ms, max %.1f ms%n",
                plugged.at(50), plugged.max());
        Percentiles p = Percentiles.of(millis);
        out.printf(Locale.ROOT, "port-up over %d VMs: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                vms, p.at(50), p.at(90), p.at(99), p.max());
        return p;
    }

    /** Milliseconds from the REST create to the first echo reply, and from the plug to eth0 addressed before it. */
    private record Sample(double firstReply, double plugged) {
    }

    private Sample measureOne(int i, Netns probeNs) {
        String name = "bench-vm-" + i;
        String vmUuid = intent.virtualMachine(name);
        String vmiUuid = UUID.randomUUID().toString();
        String mac = "02:" + HexFormat.ofDelimiter(":").formatHex(HexFormat.of().parseHex(vmiUuid.replace("-", "").substring(0, 10)));
        String address = "10.9." + (1 + i / 250) + "." + (1 + i % 250);
        Netns netns = namespaces.create("fil-bench-" + i);
        Port pending = new Port(name, vmUuid, vmiUuid, "", "", "", address, mac, "host2");
        long plugStart = System.nanoTime();
        new PortApi(fabric("host2")).plug(pending, netns.name(), "eth0");
        plugged.add(pending);
        if (!netns.awaitInterface("eth0", LIMIT)) {
            throw new InfraException(name + ": eth0 did not appear in " + netns.name() + " within " + LIMIT.toSeconds()
                    + " s of plugging its port (see host2's agent log)");
        }
        HostCommand.check(LIMIT, List.of("ip", "-n", netns.name(), "addr", "add", address + "/16", "dev", "eth0"));
        HostCommand.check(LIMIT, List.of("ip", "-n", netns.name(), "route", "add", "default", "via", GATEWAY));
        double plugMillis = (System.nanoTime() - plugStart) / 1e6;
        // The vRouter answers every ARP in a VRF with its own MAC once it has a route; setting that answer in the
        // probe beforehand keeps Linux's 1 s ARP retry (the probe asks before the route exists) out of the figure.
        HostCommand.check(Duration.ofSeconds(5), List.of("ip", "-n", probeNs.name(), "neigh", "replace", address,
                "lladdr", VROUTER_MAC, "dev", "eth0"));
        try (EchoProbe watch = EchoProbe.start(echoProbe, probeNs, address, LIMIT)) {
            Instant start = Instant.now();
            intent.declarePluggedPort(PROJECT, name, vmUuid, NETWORK, "host2", vmiUuid, mac, address);
            Instant reply = watch.awaitFirstReply().orElseThrow(() -> new InfraException(
                    name + " (" + address + ") did not answer the probe within " + LIMIT.toSeconds() + " s of its port create"));
            return new Sample(Duration.between(start, reply).toNanos() / 1e6, plugMillis);
        }
    }

    /** Takes every port this run plugged off its agent, so that no agent keeps ports of namespaces that are gone. */
    private void unplugAll() {
        for (Port port : plugged) {
            try {
                new PortApi(fabric(port.host())).unplug(port.vmiUuid());
            } catch (InfraException e) {
                out.println("could not unplug " + port.vmiUuid() + " from " + port.host() + ": " + e.getMessage());
            }
        }
        plugged.clear();
    }

    private static String fabric(String host) {
        return StackLayout.HOSTS.stream().filter(h -> h.name().equals(host)).findFirst().orElseThrow().fabricAddress();
    }
}
