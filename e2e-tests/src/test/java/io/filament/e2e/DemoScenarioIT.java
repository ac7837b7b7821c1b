package io.filament.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import io.filament.cli.demo.DemoCheck;
import io.filament.cli.demo.DemoNamespaces;
import io.filament.cli.demo.DemoScenario;
import io.filament.cli.demo.DhcpClient;
import io.filament.cli.fabric.FabricIntent;
import io.filament.cli.fabric.FabricIntent.Port;
import io.filament.cli.fabric.PortApi;
import io.filament.cli.infra.Workspace;
import io.filament.cli.netns.Netns;
import io.filament.cli.netns.Ping;
import io.filament.cli.stack.LocalStack;
import io.filament.testsupport.LocalInfrastructureTest;
import io.filament.testsupport.RepositoryRoot;
import io.filament.testsupport.RequiresRoot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
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
 * networks only while the policy allows it; deleting a VM's port withdraws its route from the other host.
 */
@LocalInfrastructureTest
@RequiresRoot
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoScenarioIT {

    private static final ByteArrayOutputStream PROGRESS = new ByteArrayOutputStream();
    private static LocalStack stack;
    private static DemoNamespaces namespaces;
    private static DemoScenario scenario;
    private static List<DemoCheck> checks;

    @BeforeAll
    static void runTheDemo() {
        Workspace workspace = new Workspace(RepositoryRoot.find());
        PrintStream out = new PrintStream(PROGRESS, true, StandardCharsets.UTF_8);
        stack = LocalStack.standard(workspace, Clock.systemUTC(), out);
        stack.up();
        namespaces = new DemoNamespaces(workspace);
        scenario = new DemoScenario(new FabricIntent(DemoScenario.configApi()), namespaces, new DhcpClient(workspace), out);
        checks = scenario.run();
    }

    @AfterAll
    static void cleanUp() {
        if (namespaces != null) {
            namespaces.deleteAll();
        }
        if (stack != null) {
            stack.stopServices();
        }
        assertThat(new Netns("fil-red-1").exists()).isFalse();
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
    void deletingAVmsPortWithdrawsItsRouteFromTheOtherHost() throws Exception {
        Port red2 = scenario.ports().get("red-2");
        String routes = "http://127.0.0.11:8085/routes?vrf=default-domain:demo:red:red";
        assertThat(get(routes)).contains(red2.ipAddress() + "/32");

        new PortApi("127.0.0.12").unplug(red2.vmiUuid());
        new FabricIntent(DemoScenario.configApi()).deletePort(red2);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get(routes)).doesNotContain(red2.ipAddress() + "/32"));
        assertThat(Ping.from(new Netns("fil-red-1"), red2.ipAddress(), 2, 1).received()).isZero();
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + url).isEqualTo(200);
        return response.body();
    }
}
