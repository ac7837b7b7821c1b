package io.filament.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.filament.testsupport.LocalInfrastructureTest;
import io.filament.testsupport.RequiresRoot;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Restarting a host's agent leaves its dataplane forwarding: a ping (one echo every 0.2 s) between VMs on
 * different hosts, running through the whole restart, loses at most {@value #MAX_LOST} echoes, and the restarted
 * agent rebuilds exactly the interfaces, VRFs and routes it had before. The control node keeps host2's routes
 * through the restart (graceful restart), so host1 never loses its tunnel routes to host2; host2's dataplane
 * keeps forwarding while its agent is away and the agent programs the same numbers when it returns.
 */
@LocalInfrastructureTest
@RequiresRoot
@SharedStack
class AgentRestartIT {

    /** Echoes the ping may lose while host2's agent restarts: at most 0.4 s of traffic. */
    static final int MAX_LOST = 2;

    private static final Duration CONVERGENCE = Duration.ofSeconds(20);
    private static final Duration RELEARN = Duration.ofSeconds(90);

    private static RunningStack stack;
    private static TestProject project;
    private static TestVm onHost1;
    private static TestVm onHost2;

    @BeforeAll
    static void twoVmsOnDifferentHosts(RunningStack shared) {
        stack = shared;
        project = TestProject.create(stack, "e2e-restart");
        project.network("steady", "10.63.1.0/24");
        onHost1 = project.vm("restart-a", "steady", "host1");
        onHost2 = project.vm("restart-b", "steady", "host2");
    }

    @AfterAll
    static void removeProject() {
        if (project != null) {
            project.close();
        }
    }

    @Test
    void restartingHost2sAgentLosesAtMostTwoEchoesOfARunningPingAndRestoresItsTables() {
        await().atMost(CONVERGENCE).untilAsserted(() -> assertThat(onHost1.ping(onHost2, 2).received()).isPositive());
        AgentIntrospect host2 = new AgentIntrospect("host2");
        String vrf = project.vrf("steady");
        await().atMost(CONVERGENCE).untilAsserted(() ->
                assertThat(host2.prefixes(vrf)).contains(onHost1.ipAddress() + "/32", onHost2.ipAddress() + "/32"));
        Set<JsonNode> interfacesBefore = new HashSet<>(host2.interfaces());
        Set<JsonNode> vrfsBefore = new HashSet<>(host2.vrfs());
        Set<JsonNode> routesBefore = new HashSet<>(host2.routes(vrf));
        long pidBefore = stack.service("agent-host2").process().running().orElseThrow().pid();

        try (ContinuousPing ping = ContinuousPing.start(onHost1.netns(), onHost2.ipAddress())) {
            await().atMost(CONVERGENCE).until(() -> ping.answeredCount() >= 5);

            long pidAfter = stack.restart("agent-host2");

            assertThat(pidAfter).isNotEqualTo(pidBefore);
            await().atMost(RELEARN).untilAsserted(() -> assertThat(host2.prefixes(vrf))
                    .contains(onHost1.ipAddress() + "/32", onHost2.ipAddress() + "/32"));
            long relearned = ping.lastAnswered();
            await().atMost(CONVERGENCE).until(() -> ping.lastAnswered() >= relearned + 5);
            System.out.printf("agent-host2 restart: %d of %d echoes lost %s%n", ping.lost().size(), ping.lastAnswered(),
                    ping.lost());
            SoftAssertions softly = new SoftAssertions();
            softly.assertThat(ping.lost()).as("echo sequence numbers lost out of " + ping.lastAnswered())
                    .hasSizeLessThanOrEqualTo(MAX_LOST);
            softly.assertThat(new HashSet<>(host2.interfaces())).as("host2's interfaces after the restart")
                    .isEqualTo(interfacesBefore);
            softly.assertThat(new HashSet<>(host2.vrfs())).as("host2's VRFs after the restart")
                    .isEqualTo(vrfsBefore);
            softly.assertThat(new HashSet<>(host2.routes(vrf))).as("host2's routes of " + vrf + " after the restart")
                    .isEqualTo(routesBefore);
            softly.assertThat(new AgentIntrospect("host1").prefixes(vrf)).as("host1 kept host2's route")
                    .contains(onHost2.ipAddress() + "/32");
            softly.assertAll();
        }
    }
}
