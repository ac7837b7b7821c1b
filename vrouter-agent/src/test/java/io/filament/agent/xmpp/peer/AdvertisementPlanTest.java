package io.filament.agent.xmpp.peer;

import io.filament.agent.oper.Allocations;
import io.filament.agent.oper.OperTables;
import io.filament.agent.oper.OperTablesBuilder;
import io.filament.agent.port.Port;
import io.filament.agent.xmpp.wire.AgentProviders;
import io.filament.agent.xmpp.wire.PubSubRequest;
import io.filament.contracts.xmpp.TunnelEncapsulation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.filament.agent.oper.OperTablesBuilderTestFixtures.tfConfigForThreeVms;
import static io.filament.agent.oper.OperTablesBuilderTestFixtures.threePorts;
import static org.assertj.core.api.Assertions.assertThat;

class AdvertisementPlanTest {

    static final List<TunnelEncapsulation> UDP = List.of(TunnelEncapsulation.UDP);

    @TempDir
    Path state;

    @BeforeAll
    static void providers() {
        AgentProviders.register();
    }

    private static String describe(AdvertisementPlan.Step s) {
        StringBuilder out = new StringBuilder(s.config() ? "config " : "bgp ");
        s.request().write(out);
        return out.toString().replaceAll("<entry>.*</entry>", "<entry/>");
    }

    @Test
    void subscribesBeforePublishingAndPairsEachPublishWithAssociate() throws Exception {
        List<Port> ports = threePorts().subList(0, 1);
        OperTables t = new OperTablesBuilder(new Allocations(state), "127.0.0.11")
                .build(tfConfigForThreeVms(), ports, List.of(), UDP);
        Advertisement owed = Advertisement.of("host1", "127.0.0.11", ports, t, UDP);

        List<String> steps = AdvertisementPlan.between(Advertisement.NOTHING, owed).stream()
                .map(AdvertisementPlanTest::describe).toList();

        String node = "1/1/default-domain:demo:vn27:vn27/27.1.1.252/32";
        assertThat(steps).containsExactly(
                "config <subscribe node=\"virtual-machine:" + ports.getFirst().instanceId() + "\"/>",
                "config <subscribe node=\"virtual-router:default-global-system-config:host1\"/>",
                "bgp <subscribe node=\"default-domain:demo:vn27:vn27\"><options><instance-id>1</instance-id></options></subscribe>",
                "bgp <publish node=\"" + node + "\"><item><entry/></item></publish>",
                "bgp <collection node=\"default-domain:demo:vn27:vn27\"><associate node=\"" + node + "\"/></collection>");
        PubSubRequest.Publish publish = (PubSubRequest.Publish) AdvertisementPlan.between(Advertisement.NOTHING, owed).get(3).request();
        assertThat(publish.entry().nextHops().getFirst().address()).isEqualTo("127.0.0.11");
        assertThat(publish.entry().nextHops().getFirst().label()).isEqualTo(16);
        assertThat(publish.entry().nextHops().getFirst().encapsulations()).containsExactly(TunnelEncapsulation.UDP);
    }

    @Test
    void sendsNothingWhenNothingChanged() throws Exception {
        OperTables t = new OperTablesBuilder(new Allocations(state), "127.0.0.11")
                .build(tfConfigForThreeVms(), threePorts(), List.of(), UDP);
        Advertisement a = Advertisement.of("host1", "127.0.0.11", threePorts(), t, UDP);

        assertThat(AdvertisementPlan.between(a, a)).isEmpty();
    }

    @Test
    void withdrawsARouteOfADeletedPortWithPublishAndDissociate() throws Exception {
        OperTablesBuilder builder = new OperTablesBuilder(new Allocations(state), "127.0.0.11");
        Advertisement before = Advertisement.of("host1", "127.0.0.11", threePorts(),
                builder.build(tfConfigForThreeVms(), threePorts(), List.of(), UDP), UDP);
        List<Port> two = threePorts().subList(1, 3);
        Advertisement after = Advertisement.of("host1", "127.0.0.11", two,
                builder.build(tfConfigForThreeVms(), two, List.of(), UDP), UDP);

        List<String> steps = AdvertisementPlan.between(before, after).stream().map(AdvertisementPlanTest::describe).toList();

        String node = "1/1/default-domain:demo:vn27:vn27/27.1.1.252/32";
        assertThat(steps).containsExactly(
                "bgp <publish node=\"" + node + "\"><item><entry/></item></publish>",
                "bgp <collection node=\"default-domain:demo:vn27:vn27\"><dissociate node=\"" + node + "\"/></collection>",
                "config <unsubscribe node=\"virtual-machine:" + threePorts().getFirst().instanceId() + "\"/>");
    }

    @Test
    void withdrawsRoutesThenUnsubscribesWhenTheLastPortOfAVrfGoes() throws Exception {
        OperTablesBuilder builder = new OperTablesBuilder(new Allocations(state), "127.0.0.11");
        List<Port> one = threePorts().subList(0, 1);
        Advertisement before = Advertisement.of("host1", "127.0.0.11", one,
                builder.build(tfConfigForThreeVms(), one, List.of(), UDP), UDP);
        Advertisement after = Advertisement.of("host1", "127.0.0.11", List.of(),
                builder.build(tfConfigForThreeVms(), List.of(), List.of(), UDP), UDP);

        List<String> steps = AdvertisementPlan.between(before, after).stream().map(AdvertisementPlanTest::describe).toList();

        assertThat(steps).hasSize(4);
        assertThat(steps.get(1)).contains("<dissociate");
        assertThat(steps.get(2)).isEqualTo("bgp <unsubscribe node=\"default-domain:demo:vn27:vn27\"/>");
        assertThat(steps.get(3)).startsWith("config <unsubscribe node=\"virtual-machine:");
    }
}
