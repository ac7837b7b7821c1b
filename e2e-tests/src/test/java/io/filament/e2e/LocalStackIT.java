package io.filament.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.filament.cli.infra.Workspace;
import io.filament.cli.stack.LocalStack;
import io.filament.cli.stack.ServiceNode;
import io.filament.testsupport.LocalInfrastructureTest;
import io.filament.testsupport.RepositoryRoot;
import io.filament.testsupport.RequiresRoot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local stack as {@code bin/filament up} runs it: every service module in its own process (the control
 * plane, and a dataplane plus an agent per simulated host), each reporting healthy.
 */
@LocalInfrastructureTest
@RequiresRoot
class LocalStackIT {

    private static final ByteArrayOutputStream PROGRESS = new ByteArrayOutputStream();
    private static LocalStack stack;
    private static Duration readyAfter;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.standard(new Workspace(RepositoryRoot.find()), Clock.systemUTC(),
                new PrintStream(PROGRESS, true, StandardCharsets.UTF_8));
        readyAfter = stack.up();
    }

    @AfterAll
    static void stopServices() {
        if (stack != null) {
            stack.stopServices();
        }
    }

    @Test
    void everyServiceRunsInItsOwnProcessAndReportsHealthy() {
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
    void printsAProgressLinePerServiceAndTheTimeToReady() {
        String progress = PROGRESS.toString(StandardCharsets.UTF_8);
        for (ServiceNode service : stack.services()) {
            assertThat(progress).containsPattern(service.name() + "\\s+(ready at|already running)");
        }
        assertThat(progress).contains("stack ready in");
        assertThat(readyAfter).isLessThan(Duration.ofSeconds(240));
    }
}
