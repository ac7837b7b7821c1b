package io.filament.agent.it;

import io.filament.agent.dataplane.DataplaneState;
import io.filament.agent.dataplane.wire.DataplaneRequest;
import io.filament.agent.oper.Allocations;
import io.filament.testsupport.LocalInfrastructure;
import io.filament.testsupport.LocalInfrastructureTest;
import io.filament.testsupport.RequiresRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A VM deleted in the config while its host's agent is down: the restarted agent keeps everything in the
 * dataplane until its tables are complete, then isolates only that VM's interface — its port is still plugged, so
 * its TAP stays, in the unbound VRF, and nothing routes to it — and leaves the other VM's interface and TAP exactly
 * as they were.
 */
@LocalInfrastructureTest
@RequiresRoot
class AgentRestartSweepIT {

    private static final String SUFFIX = Long.toHexString(System.nanoTime() & 0xffff);
    /** 10.35.1.4 as the dataplane's route key holds it (the address in the upper 32 bits). */
    private static final long GONE_ADDRESS_HIGH = ((10L << 24) | (35 << 16) | (1 << 8) | 4) << 32;

    @TempDir
    Path dir;

    @Test
    void aVmDeletedWhileTheAgentWasDownIsIsolatedOnceTheRestartedAgentIsCompleteAndNothingElseChanges(
            LocalInfrastructure infra) throws Exception {
        String configTopic = infra.uniqueTopic("filament.config.v1");
        String desiredTopic = infra.uniqueTopic("filament.desired.v1");
        UUID keptVm = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        UUID goneVm = UUID.randomUUID();
        UUID gone = UUID.randomUUID();
        Path state = Files.createDirectories(dir.resolve("host"));
        try (ConfigRecords config = new ConfigRecords(infra.kafkaBootstrapServers(), configTopic, desiredTopic, "sw");
             ControlNodeJar cn = ControlNodeJar.start(Files.createDirectories(dir.resolve("cn")), "sw-host1:s1\n",
                     infra.kafkaBootstrapServers(), configTopic, desiredTopic, infra.uniqueTopic("filament.status.v1"));
             DataplaneJar dp = DataplaneJar.start("sw-host1", "127.0.0.35");
             Netns keptNs = Netns.create("fa-swk-" + SUFFIX);
             Netns goneNs = Netns.create("fa-swg-" + SUFFIX)) {
            config.network("10.35.1.0", 24, "10.35.1.254", "10.35.1.253", 8000035);
            config.vmPort(keptVm, kept, "02:35:00:00:00:03", "10.35.1.3");
            config.vmPort(goneVm, gone, "02:35:00:00:00:04", "10.35.1.4");
            config.virtualRouter("sw-host1", keptVm, goneVm);
            int keptIndex;
            int goneIndex;
            String keptLink;
            try (AgentApp agent = AgentApp.start("sw-host1", "127.0.0.35", "s1", dp.socket, state, cn.xmppPort)) {
                assertThat(agent.plug(kept, keptVm, "10.35.1.3", "02:35:00:00:00:03", "tapswk" + SUFFIX, keptNs.name))
                        .isEqualTo(200);
                assertThat(agent.plug(gone, goneVm, "10.35.1.4", "02:35:00:00:00:04", "tapswg" + SUFFIX, goneNs.name))
                        .isEqualTo(200);
                await().atMost(Duration.ofSeconds(120)).until(() -> agent.runtime().complete()
                        && keptNs.hasLink("eth0") && goneNs.hasLink("eth0")
                        && agent.dataplane().programmed().interfaces().size() == 2);
                keptIndex = agent.runtime().tables().interfaces().get(kept).index();
                goneIndex = agent.runtime().tables().interfaces().get(gone).index();
                keptLink = keptNs.exec(10, "ip", "-o", "link", "show", "eth0").output();
            }
            // While the agent is down the VM goes away in the config; its port file stays (nobody could tell the agent).
            config.deleteVmPort(goneVm, gone);
            config.virtualRouter("sw-host1", keptVm);

            try (AgentApp restarted = AgentApp.start("sw-host1", "127.0.0.35", "s1", dp.socket, state, cn.xmppPort)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> restarted.dataplane().resyncs() == 1);
                assertThat(goneNs.hasLink("eth0")).as("kept while the tables are incomplete").isTrue();
                await().atMost(Duration.ofSeconds(120)).until(() -> restarted.runtime().complete());
                await().atMost(Duration.ofSeconds(60)).until(() -> restarted.dataplane().programmed().interfaces()
                        .get(goneIndex).vif().vrf() == Allocations.UNBOUND_VRF);
                DataplaneState programmed = restarted.dataplane().programmed();
                assertThat(programmed.interfaces()).containsOnlyKeys(keptIndex, goneIndex);
                assertThat(programmed.routes().values()).as("nothing routes to the gone VM any more")
                        .noneMatch(r -> r.length() == 32 && r.high() == GONE_ADDRESS_HIGH);
                assertThat(goneNs.hasLink("eth0")).as("its port is still plugged: the TAP stays, isolated").isTrue();
                assertThat(restarted.introspect("/interfaces")).contains(gone.toString()).contains("\"active\":false");
                DataplaneRequest.AddInterface still = programmed.interfaces().get(keptIndex);
                assertThat(still.renameTo()).isEqualTo("eth0");
                assertThat(keptNs.exec(10, "ip", "-o", "link", "show", "eth0").output())
                        .as("the kept VM's TAP is the same device (same ifindex)").isEqualTo(keptLink);
                assertThat(restarted.introspect("/interfaces")).contains(kept.toString()).contains("\"active\":true");
                assertThat(restarted.dataplane().refused()).isZero();
            }
        }
    }
}
