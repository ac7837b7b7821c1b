package io.filament.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import io.filament.cli.demo.DemoCheck;
import io.filament.cli.demo.DemoNamespaces;
import io.filament.cli.demo.DemoScenario;
import io.filament.cli.demo.DhcpClient;
import io.filament.cli.demo.ProjectTeardown;
import io.filament.cli.fabric.FabricIntent.Port;
import io.filament.cli.fabric.PortApi;
import io.filament.cli.http.ServiceError;
import io.filament.cli.netns.HostCommand;
import io.filament.cli.netns.Netns;
import io.filament.cli.netns.Ping;
import io.filament.testsupport.LocalInfrastructureTest;
import io.filament.testsupport.RequiresRoot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The demo of {@code bin/filament up --demo} on the real stack, with assertions: VMs in namespaces get their
 * addresses by DHCP from their host's agent, reach each other across hosts within a network and across
 * networks only while the policy allows it; deleting a VM's port withdraws its route from the other host and
 * removes its TAP from the VM's namespace.
 */
@LocalInfrastructureTest
@RequiresRoot
@SharedStack
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoScenarioIT {

    private static final ByteArrayOutputStream PROGRESS = new ByteArrayOutputStream();
    private static RunningStack stack;
    private static DemoNamespaces namespaces;
    private static DemoScenario scenario;
    private static List<DemoCheck> checks;

    @BeforeAll
    static void runTheDemo(RunningStack shared) {
        stack = shared;
        PrintStream out = new PrintStream(PROGRESS, true, StandardCharsets.UTF_8);
        namespaces = new DemoNamespaces(stack.workspace());
        scenario = new DemoScenario(stack.intent(), namespaces, new DhcpClient(stack.workspace()), out);
        checks = scenario.run();
    }

    @AfterAll
    static void cleanUp() {
        if (scenario != null) {
            for (Port port : scenario.ports().values()) {
                try {
                    new PortApi(RunningStack.fabricAddress(port.host())).unplug(port.vmiUuid());
                } catch (ServiceError e) {
                    assertThat(e.status()).as("unplugging " + port.vmName()).isEqualTo(404);
                }
            }
        }
        if (namespaces != null) {
            namespaces.deleteAll();
        }
        if (stack != null) {
            new ProjectTeardown(stack.intent().api()).removeProject(DemoScenario.PROJECT);
        }
        assertThat(new Netns("fil-red-1").exists()).isFalse();
        assertThat(new Netns("fil-blue-1").exists()).isFalse();
    }

    @Test
    @Order(1)
    void everyVmGotTheAddressTheConfigApiAllocatedByDhcp() {
        assertThat(scenario.ports()).containsOnlyKeys("red-1", "red-2", "blue-1");
        for (var entry : scenario.ports().entrySet()) {
            Port port = entry.getValue();
            assertThat(new Netns("fil-" + entry.getKey()).ipv4Of("eth0")).isEqualTo(port.ipAddress() + "/24");
        }
        assertThat(scenario.ports().get("red-1").ipAddress()).startsWith("10.1.1.");
        assertThat(scenario.ports().get("blue-1").ipAddress()).startsWith("10.2.2.");
    }

    @Test
    @Order(2)
    void reachabilityFollowsNetworksAndThePolicy() {
        assertThat(checks).extracting(DemoCheck::what, DemoCheck::expectReachable, DemoCheck::passed).containsExactly(
                tuple("same network, across hosts", true, true),
                tuple("across networks, allowed by policy", true, true),
                tuple("across networks, no policy", false, true),
                tuple("same network, no policy needed", true, true),
                tuple("across networks, policy back", true, true));
    }

    @Test
    @Order(3)
    void deletingAVmsPortWithdrawsItsRouteFromTheOtherHostAndRemovesItsTap() {
        Port red2 = scenario.ports().get("red-2");
        String vrf = "default-domain:demo:red:red";
        AgentIntrospect host1 = new AgentIntrospect("host1");
        AgentIntrospect host2 = new AgentIntrospect("host2");
        Netns red2Netns = new Netns("fil-red-2");
        assertThat(host1.prefixes(vrf)).contains(red2.ipAddress() + "/32");
        assertThat(tapPresent(red2Netns)).isTrue();

        new PortApi("127.0.0.12").unplug(red2.vmiUuid());
        stack.intent().deletePort(red2);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(host1.prefixes(vrf)).doesNotContain(red2.ipAddress() + "/32"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(tapPresent(red2Netns)).as("eth0 in " + red2Netns.name()).isFalse();
            assertThat(host2.interfaces()).noneMatch(i -> i.path("uuid").asString().equals(red2.vmiUuid()));
        });
        assertThat(Ping.from(new Netns("fil-red-1"), red2.ipAddress(), 2, 1).received()).isZero();
    }

    private static boolean tapPresent(Netns netns) {
        return HostCommand.run(Duration.ofSeconds(10), List.of("ip", "-n", netns.name(), "link", "show", "dev", "eth0"))
                .succeeded();
    }
}
