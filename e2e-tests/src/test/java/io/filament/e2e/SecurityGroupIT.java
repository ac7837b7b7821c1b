package io.filament.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.filament.cli.fabric.FabricIntent.SecurityGroupRule;
import io.filament.testsupport.LocalInfrastructureTest;
import io.filament.testsupport.RequiresRoot;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A security group that allows only TCP/22 ingress (and every egress), attached to a VM that was reachable
 * before: ICMP to it stops, a TCP connection to port 22 is accepted, one to another listening port is not.
 */
@LocalInfrastructureTest
@RequiresRoot
@SharedStack
class SecurityGroupIT {

    private static final Duration CONVERGENCE = Duration.ofSeconds(20);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private static TestProject project;
    private static TestVm client;
    private static TestVm server;

    @BeforeAll
    static void twoVmsOfOneNetworkOnDifferentHosts(RunningStack stack) {
        project = TestProject.create(stack, "e2e-sg");
        project.network("lan", "10.62.1.0/24");
        client = project.vm("sg-client", "lan", "host1");
        server = project.vm("sg-server", "lan", "host2");
    }

    @AfterAll
    static void removeProject() {
        if (project != null) {
            project.close();
        }
    }

    @Test
    void aGroupAllowingOnlyTcp22IngressBlocksIcmpAndAcceptsAnSshConnection() {
        await().atMost(CONVERGENCE).untilAsserted(() -> assertThat(client.ping(server, 2).received()).isPositive());

        String group = project.intent().securityGroup(project.name(), "ssh-only", List.of(
                SecurityGroupRule.ingress("tcp", "0.0.0.0/0", 22, 22),
                SecurityGroupRule.egressAll("0.0.0.0/0")));
        project.intent().attachSecurityGroup(server.port().vmiUuid(), group);
        AgentIntrospect host2 = new AgentIntrospect("host2");
        await().atMost(CONVERGENCE).untilAsserted(() ->
                assertThat(host2.interfaceOf(server.port().vmiUuid()).path("security_groups").isEmpty()).isFalse());

        await().atMost(CONVERGENCE).untilAsserted(() ->
                assertThat(client.ping(server, 2).received()).as("ICMP to the guarded VM").isZero());
        assertThat(client.ping(server, 3).received()).isZero();

        try (TcpListener ssh = TcpListener.start(server.netns(), 22)) {
            assertThat(TcpListener.connect(client.netns(), server.ipAddress(), 22, "ssh-probe", CONNECT_TIMEOUT))
                    .as("TCP connection to port 22").isTrue();
            assertThat(ssh.received(Duration.ofSeconds(5))).contains("ssh-probe");
        }
        try (TcpListener web = TcpListener.start(server.netns(), 80)) {
            assertThat(TcpListener.connect(client.netns(), server.ipAddress(), 80, "web-probe", CONNECT_TIMEOUT))
                    .as("TCP connection to port 80").isFalse();
            assertThat(web.received(Duration.ofMillis(500))).doesNotContain("web-probe");
        }
    }
}
