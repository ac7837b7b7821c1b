package io.filament.schema.projection;

import static io.filament.schema.fixtures.ConfigSnapshots.globalSystemConfig;
import static io.filament.schema.fixtures.ConfigSnapshots.network;
import static io.filament.schema.fixtures.ConfigSnapshots.policy;
import static io.filament.schema.fixtures.ConfigSnapshots.rule;
import static io.filament.schema.fixtures.ConfigSnapshots.securityGroup;
import static io.filament.schema.fixtures.ConfigSnapshots.tombstone;
import static io.filament.schema.fixtures.ConfigSnapshots.vn;
import static org.assertj.core.api.Assertions.assertThat;

import io.filament.schema.desired.DesiredChange;
import io.filament.schema.fixtures.ConfigSnapshots.Policy;
import io.filament.schema.fixtures.ConfigSnapshots.Snapshot;
import io.filament.schema.routing.InMemoryRouteTargetStore;
import io.filament.schema.routing.NumberSpace;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncrementalTranslatorTest {

    private static final String RED = "default-domain:demo:red";
    private static final String BLUE = "default-domain:demo:blue";
    private static final Policy RED_POLICY = Policy.of("p-red", "demo", "red-policy");
    private static final Policy BLUE_POLICY = Policy.of("p-blue", "demo", "blue-policy");
    private static final String CONNECTION = "connection/default-domain:demo:blue:blue,default-domain:demo:red:red";

    private final InMemoryRouteTargetStore store = new InMemoryRouteTargetStore();
    private final IncrementalTranslator translator = new IncrementalTranslator(store);

    private List<DesiredChange> apply(Snapshot snapshot) {
        return translator.apply(snapshot.change());
    }

    private static List<String> keys(List<DesiredChange> changes) {
        return changes.stream().map(c -> (c instanceof DesiredChange.Tombstone ? "-" : "+") + c.key()).toList();
    }

    private void connectRedAndBlue() {
        apply(network("n-red", 1, "red", 5, RED_POLICY));
        apply(network("n-blue", 1, "blue", 6, BLUE_POLICY));
        apply(policy("p-red", 1, "demo", "red-policy", List.of(rule("<>", "any", vn("local"), vn(BLUE), "pass"))));
        apply(policy("p-blue", 1, "demo", "blue-policy", List.of(rule("<>", "any", vn("local"), vn(RED), "pass"))));
    }

    @Test
    void publishesTheInstanceAndTargetOfANewNetwork() {
        assertThat(keys(apply(network("n-red", 1, "red", 5)))).containsExactlyInAnyOrder(
                "+routing-instance/default-domain:demo:red:red", "+route-target/target:64512:8000000");
    }

    @Test
    void connectsWhenTheSecondPolicyArrivesAndDisconnectsWhenOneIsDetached() {
        connectRedAndBlue();
        assertThat(translator.state()).containsKey(CONNECTION);

        List<DesiredChange> detached = apply(network("n-blue", 2, "blue", 6));

        assertThat(keys(detached)).contains("-" + CONNECTION, "-network-acl/default-domain:demo:blue:blue",
                "+routing-instance/default-domain:demo:red:red", "+routing-instance/default-domain:demo:blue:blue");
        assertThat(translator.state().get("routing-instance/default-domain:demo:red:red").value()
                .get("import_route_targets")).isEqualTo(List.of("target:64512:8000000"));
    }

    @Test
    void removesTheConnectionWhenARuleIsWithdrawn() {
        connectRedAndBlue();

        apply(policy("p-red", 2, "demo", "red-policy", List.of(rule("<>", "any", vn("local"), vn(BLUE), "deny"))));

        assertThat(translator.state()).doesNotContainKey(CONNECTION);
    }

    @Test
    void tombstonesEverythingOfADeletedNetworkAndReleasesItsTarget() {
        connectRedAndBlue();

        List<DesiredChange> deleted = apply(tombstone("virtual-network", "n-red"));

        assertThat(keys(deleted)).contains("-routing-instance/default-domain:demo:red:red",
                "-route-target/target:64512:8000000", "-network-acl/default-domain:demo:red:red", "-" + CONNECTION);
        assertThat(store.claims()).doesNotContainKey("default-domain:demo:red:red:red");
        assertThat(store.claims()).doesNotContainKey(RED + ":red");
        assertThat(store.numberFor("default-domain:demo:green:green", NumberSpace.TYPE0)).isEqualTo(8_000_000);
    }

    @Test
    void aNetworkRecreatedUnderItsNameKeepsItsInstanceWhenTheOldOnesDeleteArrivesLast() {
        // The config topic's partitions may hand the new network over before the old one's deletion.
        apply(network("n-old", 1, "red", 5));
        String target = (String) translator.state().get("routing-instance/" + RED + ":red").value().get("route_target");
        apply(network("n-new", 1, "red", 7));

        List<DesiredChange> deleted = apply(tombstone("virtual-network", "n-old"));

        assertThat(keys(deleted)).doesNotContain("-routing-instance/" + RED + ":red", "-route-target/" + target);
        assertThat(translator.state().get("routing-instance/" + RED + ":red").value())
                .containsEntry("virtual_network_uuid", "n-new").containsEntry("vni", 7)
                .containsEntry("route_target", target);
        assertThat(translator.state()).containsKey("route-target/" + target);
        assertThat(store.claims()).containsKey(RED + ":red");
        assertThat(translator.state()).isEqualTo(FullRecompute.compute(translator.image(), store));
    }

    @Test
    void aSecurityGroupRecreatedUnderItsNameKeepsItsAclsWhenTheOldOnesDeleteArrivesLast() {
        apply(securityGroup("g-old", 1, "demo", "web", 8_000_001, List.of()));
        apply(securityGroup("g-new", 1, "demo", "web", 8_000_002, List.of()));

        List<DesiredChange> deleted = apply(tombstone("security-group", "g-old"));

        assertThat(keys(deleted)).noneMatch(key -> key.startsWith("-"));
        assertThat(translator.state()).isEqualTo(FullRecompute.compute(translator.image(), store));
    }

    @Test
    void rederivesEveryTargetWhenTheAsnChanges() {
        apply(network("n-red", 1, "red", 5));
        apply(network("n-blue", 1, "blue", 6));

        List<DesiredChange> changed = apply(globalSystemConfig("gsc", 2, 65000));

        assertThat(keys(changed)).containsExactlyInAnyOrder(
                "-route-target/target:64512:8000000", "-route-target/target:64512:8000001",
                "+route-target/target:65000:8000000", "+route-target/target:65000:8000001",
                "+routing-instance/default-domain:demo:red:red", "+routing-instance/default-domain:demo:blue:blue");
    }

    @Test
    void publishesNothingForARepeatedSnapshot() {
        apply(network("n-red", 1, "red", 5));

        assertThat(apply(network("n-red", 1, "red", 5))).isEmpty();
    }

    @Test
    void holdsAPolicyReferenceUntilThePolicyArrives() {
        apply(network("n-red", 1, "red", 5, RED_POLICY));
        assertThat(translator.state()).doesNotContainKey("network-acl/default-domain:demo:red:red");

        List<DesiredChange> arrived = apply(policy("p-red", 1, "demo", "red-policy",
                List.of(rule(">", "tcp", vn("local"), vn(BLUE), "pass"))));

        assertThat(keys(arrived)).contains("+network-acl/default-domain:demo:red:red");
    }
}
