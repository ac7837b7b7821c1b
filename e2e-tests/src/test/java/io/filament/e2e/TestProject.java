package io.filament.e2e;

import io.filament.cli.demo.DhcpClient;
import io.filament.cli.demo.ProjectTeardown;
import io.filament.cli.fabric.FabricIntent;
import io.filament.cli.fabric.FabricIntent.Port;
import io.filament.cli.fabric.PortApi;
import io.filament.cli.http.ServiceError;
import io.filament.cli.netns.Netns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A project of one end-to-end test with its networks and VMs. Closing it unplugs every VM still plugged,
 * deletes their namespaces and removes the project with everything in it. Its name carries a random suffix, so
 * that a run never trips over names an earlier, interrupted run left claimed.
 */
public final class TestProject implements AutoCloseable {

    private final RunningStack stack;
    private final String name;
    private final FabricIntent intent;
    private final DhcpClient dhcp;
    private final Map<String, String> networks = new LinkedHashMap<>();
    private final List<TestVm> vms = new ArrayList<>();

    private TestProject(RunningStack stack, String name) {
        this.stack = stack;
        this.name = name;
        this.intent = stack.intent();
        this.dhcp = new DhcpClient(stack.workspace());
    }

    /** Creates project {@code <prefix>-<6 hex digits>}. */
    public static TestProject create(RunningStack stack, String prefix) {
        TestProject project = new TestProject(stack, prefix + "-" + UUID.randomUUID().toString().substring(0, 6));
        project.intent.project(project.name);
        return project;
    }

    public String name() {
        return name;
    }

    public FabricIntent intent() {
        return intent;
    }

    /** A network with one IPv4 subnet; returns its uuid. */
    public String network(String network, String cidr) {
        String uuid = intent.network(name, network, cidr);
        networks.put(network, uuid);
        return uuid;
    }

    /** The routing instance of a network, as the agents name their VRFs. */
    public String vrf(String network) {
        return String.join(":", "default-domain", name, network, network);
    }

    /**
     * Declares a VM with one port in {@code network} bound to {@code host}, plugs its namespace {@code fil-<vm>}
     * through the host's port API and runs udhcpc there; fails unless DHCP configured the allocated address.
     */
    public TestVm vm(String vmName, String network, String host) {
        Port port = intent.port(name, vmName, network, host);
        Netns netns = stack.createNamespace("fil-" + vmName);
        TestVm vm = new TestVm(vmName, host, netns, port);
        vms.add(vm);
        new PortApi(RunningStack.fabricAddress(host)).plug(port, netns.name(), "eth0");
        String leased = dhcp.lease(netns, "eth0");
        if (!leased.equals(port.ipAddress() + "/" + prefixLength(network))) {
            throw new IllegalStateException("udhcpc in " + netns.name() + " configured " + leased
                    + " but the config API allocated " + port.ipAddress());
        }
        return vm;
    }

    /** Unplugs the VM's port from its host and deletes its config objects; the namespace stays. */
    public void unplugAndDelete(TestVm vm) {
        new PortApi(RunningStack.fabricAddress(vm.host())).unplug(vm.port().vmiUuid());
        intent.deletePort(vm.port());
        vms.remove(vm);
        vm.netns().delete();
    }

    private int prefixLength(String network) {
        var subnets = intent.api().read("virtual-network", networks.get(network)).path("network_ipam_refs")
                .get(0).path("attr").path("ipam_subnets");
        return subnets.get(0).path("subnet").path("ip_prefix_len").asInt();
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (TestVm vm : List.copyOf(vms)) {
            try {
                new PortApi(RunningStack.fabricAddress(vm.host())).unplug(vm.port().vmiUuid());
            } catch (ServiceError e) {
                if (e.status() != 404) {
                    failure = first(failure, e);
                }
            } catch (RuntimeException e) {
                failure = first(failure, e);
            }
            vm.netns().delete();
        }
        vms.clear();
        try {
            new ProjectTeardown(intent.api()).removeProject(name);
        } catch (RuntimeException e) {
            failure = first(failure, e);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException first(RuntimeException earlier, RuntimeException now) {
        if (earlier == null) {
            return now;
        }
        earlier.addSuppressed(now);
        return earlier;
    }
}
