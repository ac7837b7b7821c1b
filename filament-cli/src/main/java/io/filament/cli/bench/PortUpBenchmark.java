package io.filament.cli.bench;

import io.filament.cli.demo.DemoNamespaces;
import io.filament.cli.demo.DhcpClient;
import io.filament.cli.demo.ProjectTeardown;
import io.filament.cli.fabric.FabricIntent;
import io.filament.cli.fabric.FabricIntent.Port;
import io.filament.cli.fabric.PortApi;
import io.filament.cli.infra.InfraException;
import io.filament.cli.netns.Netns;
import io.filament.cli.netns.PingWatch;
import io.filament.cli.stack.StackLayout;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Port-up latency on the local stack: for each VM, its namespace is plugged on host2 first (port API, static
 * address configured as soon as the TAP appears), then the clock starts at the REST create of its VMI and instance-ip and stops at the first echo
 * reply it gives a probe VM on host1 — config API, schema transformer, control node, both agents and both
 * dataplanes all on the path.
 */
public final class PortUpBenchmark {

    private static final String PROJECT = "bench";
    private static final String NETWORK = "bench-net";
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final String VROUTER_MAC = "00:00:5e:00:01:00";

    private final FabricIntent intent;
    private final DemoNamespaces namespaces;
    private final DhcpClient dhcp;
    private final PrintStream out;
    private final List<Port> plugged = new ArrayList<>();

    public PortUpBenchmark(FabricIntent intent, DemoNamespaces namespaces, DhcpClient dhcp, PrintStream out) {
        this.intent = intent;
        this.namespaces = namespaces;
        this.dhcp = dhcp;
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
        Netns probeNs = namespaces.create("fil-bench-probe");
        new PortApi(fabric("host1")).plug(probe, probeNs.name(), "eth0");
        plugged.add(probe);
        out.println("probe " + probe.ipAddress() + " on host1: " + dhcp.lease(probeNs, "eth0"));
        List<Double> millis = new ArrayList<>();
        List<Double> appeared = new ArrayList<>();
        try {
            for (int i = 1; i <= vms; i++) {
                Sample sample = measureOne(i, probeNs);
                millis.add(sample.firstReply());
                sample.interfaceAppeared().ifPresent(appeared::add);
                out.printf(Locale.ROOT, "  vm %3d  port-up %8.1f ms  (eth0 in the VM after %s, addressed after %s)%n",
                        i, sample.firstReply(), shown(sample.interfaceAppeared()), shown(sample.addressed()));
            }
        } finally {
            unplugAll();
            namespaces.deleteAll();
        }
        if (!appeared.isEmpty()) {
            Percentiles tap = Percentiles.of(appeared);
            out.printf(Locale.ROOT, "eth0 in the VM after: p50 %.1f ms, p90 %.1f ms, max %.1f ms (%d of %d VMs seen)%n",
                    tap.at(50), tap.at(90), tap.max(), appeared.size(), millis.size());
        }
        Percentiles p = Percentiles.of(millis);
        out.printf(Locale.ROOT, "port-up over %d VMs: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                vms, p.at(50), p.at(90), p.at(99), p.max());
        return p;
    }

    /**
     * Milliseconds from the REST create to the first echo reply, to eth0 appearing and to its address being set (the
     * latter two empty when the watcher had not seen them by the time the reply came).
     */
    private record Sample(double firstReply, Optional<Double> interfaceAppeared, Optional<Double> addressed) {
    }

    private static Optional<Double> since(long start, long nanos) {
        return nanos == 0 ? Optional.empty() : Optional.of((nanos - start) / 1e6);
    }

    private static String shown(Optional<Double> millis) {
        return millis.map(m -> String.format(Locale.ROOT, "%.1f ms", m)).orElse("(not seen yet)");
    }

    private Sample measureOne(int i, Netns probeNs) {
        String name = "bench-vm-" + i;
        String vmUuid = intent.virtualMachine(name);
        String vmiUuid = UUID.randomUUID().toString();
        String mac = "02:" + HexFormat.ofDelimiter(":").formatHex(HexFormat.of().parseHex(vmiUuid.replace("-", "").substring(0, 10)));
        String address = "10.9." + (1 + i / 250) + "." + (1 + i % 250);
        Netns netns = namespaces.create("fil-bench-" + i);
        Port pending = new Port(name, vmUuid, vmiUuid, "", "", "", address, mac, "host2");
        new PortApi(fabric("host2")).plug(pending, netns.name(), "eth0");
        plugged.add(pending);
        // The agent makes the TAP once the port's config reaches it; the guest side watches for eth0 from before the
        // clock and configures it the moment it appears (its few milliseconds are inside the measurement).
        GuestAddressing guest = GuestAddressing.start(netns, address, 16, "10.9.255.254");
        // The vRouter answers every ARP in a VRF with its own MAC once it has a route; setting that answer in the
        // probe beforehand keeps Linux's 1 s ARP retry (the probe asks before the route exists) out of the figure.
        io.filament.cli.netns.HostCommand.check(Duration.ofSeconds(5), List.of("ip", "-n", probeNs.name(), "neigh",
                "replace", address, "lladdr", VROUTER_MAC, "dev", "eth0"));
        try (PingWatch watch = PingWatch.start(probeNs, address, LIMIT)) {
            long start = System.nanoTime();
            intent.declarePluggedPort(PROJECT, name, vmUuid, NETWORK, "host2", vmiUuid, mac, address);
            long reply = watch.awaitFirstReply(LIMIT).orElseThrow(() -> new InfraException(
                    name + " (" + address + ") did not answer the probe within " + LIMIT.toSeconds() + " s of its port create"));
            return new Sample((reply - start) / 1e6, since(start, guest.appearedNanos()),
                    since(start, guest.configuredNanos()));
        } finally {
            guest.close();
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
