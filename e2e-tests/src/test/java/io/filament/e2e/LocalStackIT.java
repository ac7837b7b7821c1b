package io.filament.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.filament.cli.stack.ServiceNode;
import io.filament.testsupport.LocalInfrastructureTest;
import io.filament.testsupport.RequiresRoot;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The local stack as {@code bin/filament up} runs it: every service module in its own process (the control
 * plane, and a dataplane plus an agent per simulated host), each reporting healthy.
 */
@LocalInfrastructureTest
@RequiresRoot
@SharedStack
class LocalStackIT {

    @Test
    void everyServiceRunsInItsOwnProcessAndReportsHealthy(RunningStack stack) {
        assertThat(stack.services()).extracting(ServiceNode::name).containsExactly(
                "config-api", "schema-transformer", "control-node", "analytics",
                "dataplane-host1", "agent-host1", "dataplane-host2", "agent-host2");
        for (ServiceNode service : stack.services()) {
            assertThat(service.describe()).as(service.name() + " health at " + service.address()).isEqualTo("UP");
        }
        assertThat(stack.services().stream().map(s -> s.process().running().orElseThrow().pid()).distinct())
                .hasSize(stack.services().size());
    }

    @Test
    void printsAProgressLinePerServiceAndTheTimeToReady(RunningStack stack) {
        String progress = stack.progress();
        for (ServiceNode service : stack.services()) {
            assertThat(progress).containsPattern(service.name() + "\\s+(ready at|already running)");
        }
        assertThat(progress).contains("stack ready in");
        assertThat(stack.readyAfter()).isLessThan(Duration.ofSeconds(240));
    }
}
