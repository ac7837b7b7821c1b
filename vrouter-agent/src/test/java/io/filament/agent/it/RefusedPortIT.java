package io.filament.agent.it;

import io.filament.testsupport.RequiresRoot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A port the dataplane refuses (its namespace does not exist) against the real dataplane: the host's other port is
 * programmed all the same, the refused requests are sent again only with a growing back-off and never make the
 * agent read the dataplane's state back, and once the namespace exists the port gets its TAP there.
 */
@RequiresRoot
class RefusedPortIT {

    private static final String SUFFIX = String.format("%06x", System.nanoTime() & 0xffffff);

    @Test
    void aRefusedPortIsRetriedWithBackOffWithoutReadingTheDataplaneBackAndLandsOnceItsNamespaceExists()
            throws Exception {
        UUID gone = UUID.randomUUID();
        UUID ok = UUID.randomUUID();
        String goneNamespace = "fa-late-" + SUFFIX;
        try (DataplaneJar dp = DataplaneJar.start("it-refused", "127.0.0.67");
             Netns present = Netns.create("fa-ok-" + SUFFIX);
             AgentHost host = new AgentHost("127.0.0.67", dp.socket)) {
            ConfigPush.port(host.image, "red", "10.67.1.0", 24, "10.67.1.254", "10.67.1.253", gone,
                    "02:67:00:00:00:03", "10.67.1.3");
            ConfigPush.port(host.image, "red", "10.67.1.0", 24, "10.67.1.254", "10.67.1.253", ok,
                    "02:67:00:00:00:04", "10.67.1.4");
            host.ports.add(AgentHost.vmPort(gone, "02:67:00:00:00:03", "tapgone" + SUFFIX.substring(0, 4),
                    goneNamespace));
            host.ports.add(AgentHost.vmPort(ok, "02:67:00:00:00:04", "tapok" + SUFFIX.substring(0, 4), present.name));
            host.recompute();

            await().atMost(Duration.ofSeconds(60)).until(() -> present.hasLink("eth0") && host.dataplane.refused() > 0);
            assertThat(host.dataplane.lastError()).contains(goneNamespace);

            long requests = host.dataplane.requests();
            long refused = host.dataplane.refused();
            Thread.sleep(1_500);
            // 75 polls in 1.5 s; before the back-off each one read the whole state back and re-sent the refused
            // requests. Now: at most the retries at 0.2, 0.6 and 1.4 s after the refusal, and no read-back.
            long refusedSince = host.dataplane.refused() - refused;
            assertThat(host.dataplane.resyncs()).as("reads of the dataplane's state").isEqualTo(1);
            assertThat(refusedSince).as("refusals in 1.5 s after %d in the first round", refused)
                    .isBetween(1L, 4L * refused);
            assertThat(host.dataplane.requests() - requests).as("only the refused requests are sent again")
                    .isEqualTo(refusedSince);

            try (Netns late = Netns.create(goneNamespace)) {
                // the back-off has reached 1.6 s or so: the next retry comes within a few seconds
                await().atMost(Duration.ofSeconds(30)).until(() -> late.hasLink("eth0"));
                host.ports.clear();
                host.recompute();
                await().atMost(Duration.ofSeconds(60)).until(() -> !late.hasLink("eth0") && !present.hasLink("eth0"));
            }
            assertThat(host.dataplane.resyncs()).isEqualTo(1);
        }
    }
}
