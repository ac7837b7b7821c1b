package io.filament.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.filament.testsupport.LocalInfrastructureTest;
import io.filament.testsupport.RequiresRoot;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two networks of a new project without any policy: nothing leaks between their routing instances, so VMs of
 * different networks cannot reach each other, across hosts or on the same host, while VMs of one network can.
 */
@LocalInfrastructureTest
@RequiresRoot
@SharedStack
class DenyByDefaultIT {

    private static final Duration CONVERGENCE = Duration.ofSeconds(20);

    private static TestProject project;
    private static TestVm green1;
    private static TestVm green2;
    private static TestVm amber1;

    @BeforeAll
    static void twoNetworksWithoutPolicy(RunningStack stack) {
        project = TestProject.create(stack, "e2e-deny");
        project.network("green", "10.61.1.0/24");
        project.network("amber", "10.61.2.0/24");
        green1 = project.vm("deny-green-1", "green", "host1");
        green2 = project.vm("deny-green-2", "green", "host2");
        amber1 = project.vm("deny-amber-1", "amber", "host2");
    }

    @AfterAll
    static void removeProject() {
        if (project != null) {
            project.close();
        }
    }

    @Test
    void vmsOfOneNetworkReachEachOtherAcrossHosts() {
        await().atMost(CONVERGENCE).untilAsserted(() -> assertThat(green1.ping(green2, 2).received()).isPositive());
        await().atMost(CONVERGENCE).untilAsserted(() -> assertThat(green2.ping(green1, 2).received()).isPositive());
    }

    @Test
    void vmsOfDifferentNetworksCannotPingEachOtherWithoutAPolicy() {
        AgentIntrospect host1 = new AgentIntrospect("host1");
        AgentIntrospect host2 = new AgentIntrospect("host2");
        // Once the network's own routes have crossed over, the other network's would have too if they leaked.
        await().atMost(CONVERGENCE).untilAsserted(() -> {
            assertThat(host1.prefixes(project.vrf("green"))).contains(green2.ipAddress() + "/32");
            assertThat(green1.ping(green2, 2).received()).isPositive();
        });
        assertThat(host1.prefixes(project.vrf("green"))).doesNotContain(amber1.ipAddress() + "/32");
        assertThat(host2.prefixes(project.vrf("amber"))).doesNotContain(green1.ipAddress() + "/32",
                green2.ipAddress() + "/32");

        assertThat(green1.ping(amber1, 3).received()).as("green-1 (host1) -> amber-1 (host2)").isZero();
        assertThat(amber1.ping(green1, 3).received()).as("amber-1 (host2) -> green-1 (host1)").isZero();
        assertThat(green2.ping(amber1, 3).received()).as("green-2 -> amber-1, both on host2").isZero();
    }
}
