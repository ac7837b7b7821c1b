package io.filament.dataplane.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.filament.dataplane.control.netty.ControlClient;
import io.filament.dataplane.control.wire.ControlMessage.AddVni;
import io.filament.dataplane.io.Namespaces;
import io.filament.dataplane.io.Shell;
import io.filament.dataplane.packet.wire.MacAddress;
import io.filament.dataplane.table.NextHop;
import io.filament.testsupport.RequiresRoot;
import org.junit.jupiter.api.Timeout;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Interoperation with the Linux kernel's own VXLAN: a dataplane process in namespace {@code D} (fabric 192.0.2.1 on
 * a veth) serves a VM namespace {@code V}; namespace {@code K} holds a kernel {@code vxlan} device (VNI 100, remote
 * 192.0.2.1) with 10.1.1.9. Ping and TCP both ways; the kernel ARPs through the tunnel and gets the vRouter MAC.
 */
@RequiresRoot
@Timeout(value = 400, unit = java.util.concurrent.TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KernelVxlanIT {

    private static final Pattern ETHER = Pattern.compile("link/ether ([0-9a-f:]{17})");
    private final Namespaces namespaces = new Namespaces();
    private DataplaneProcess dataplane;
    private ControlClient agent;
    private String host;
    private String kernel;
    private String vm;

    @BeforeAll
    void build() throws Exception {
        String p = namespaces.prefix();
        host = namespaces.create("d");
        kernel = namespaces.create("k");
        vm = namespaces.create("v");
        Shell.run("ip", "link", "add", p + "fd", "type", "veth", "peer", "name", p + "fk");
        Shell.run("ip", "link", "set", p + "fd", "netns", host);
        Shell.run("ip", "link", "set", p + "fk", "netns", kernel);
        Shell.run("ip", "-n", host, "addr", "add", "192.0.2.1/24", "dev", p + "fd");
        Shell.run("ip", "-n", kernel, "addr", "add", "192.0.2.2/24", "dev", p + "fk");
        Shell.run("ip", "-n", host, "link", "set", p + "fd", "up");
        Shell.run("ip", "-n", kernel, "link", "set", p + "fk", "up");
        Shell.run("ip", "-n", kernel, "link", "add", "vx100", "type", "vxlan", "id", "100", "local", "192.0.2.2",
                "remote", "192.0.2.1", "dstport", "4789", "dev", p + "fk");
        Shell.run("ip", "-n", kernel, "addr", "add", "10.1.1.9/24", "dev", "vx100");
        Shell.run("ip", "-n", kernel, "link", "set", "vx100", "up");
        // Packets leaving the kernel with offloaded (partial) checksums would reach the dataplane unfinished.
        Shell.run("ip", "netns", "exec", kernel, "ethtool", "-K", "vx100", "tx", "off");
        Shell.run("ip", "netns", "exec", kernel, "ethtool", "-K", p + "fk", "tx", "off");
        Matcher mac = ETHER.matcher(Shell.run("ip", "-n", kernel, "link", "show", "vx100"));
        assertThat(mac.find()).isTrue();

        dataplane = DataplaneProcess.start(p + "D", "192.0.2.1", host);
        agent = dataplane.connect();
        HostProgram program = new HostProgram(agent);
        program.vrf();
        program.vm(3, p + "t3", vm, "02:00:0a:01:01:03", "10.1.1.3");
        program.ok(new AddVni(100, HostProgram.VRF));
        program.remote(50, NextHop.Encapsulation.VXLAN, "192.0.2.2", 100, MacAddress.parse(mac.group(1)).value(),
                "10.1.1.9");
        Shell.run("ip", "-n", vm, "addr", "add", "10.1.1.3/24", "dev", "eth0");
    }

    @AfterAll
    void tearDown() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (dataplane != null) {
            dataplane.close();
        }
        namespaces.close();
    }

    @Test
    void exchangesPingsWithAKernelVxlanDeviceBothWays() {
        Shell.run("ip", "netns", "exec", kernel, "ping", "-c", "3", "-i", "0.2", "-W", "2", "10.1.1.3");
        Shell.run("ip", "netns", "exec", vm, "ping", "-c", "3", "-i", "0.2", "-W", "2", "10.1.1.9");
        assertThat(Shell.run("ip", "-n", kernel, "neigh", "show", "10.1.1.3")).contains("00:00:5e:00:01:00");
    }

    @Test
    void carriesTcpToAndFromTheKernelWithIperf() throws Exception {
        assertThat(Iperf.tcp(kernel, vm, "10.1.1.9", 2, false).bitsPerSecond()).isGreaterThan(1e6);
        assertThat(Iperf.tcp(kernel, vm, "10.1.1.9", 2, true).bitsPerSecond()).isGreaterThan(1e6);
    }
}
