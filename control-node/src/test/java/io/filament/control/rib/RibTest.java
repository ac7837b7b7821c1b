package io.filament.control.rib;

import io.filament.contracts.xmpp.RoutePrefix;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RibTest {

    static final RoutingInstanceSpec RED = Routes.instance("d:p:red", Set.of("target:64512:8000001"), Set.of("target:64512:8000001"));
    static final RoutingInstanceSpec BLUE = Routes.instance("d:p:blue", Set.of("target:64512:8000002"), Set.of("target:64512:8000002"));
    static final RoutingInstanceSpec GREEN = Routes.instance("d:p:green", Set.of("target:64512:8000003"), Set.of("target:64512:8000003"));

    final Rib rib = new Rib();
    final RoutePrefix vm = RoutePrefix.parse("10.1.1.3/32");

    @BeforeEach
    void instances() {
        rib.applySpec(RED);
        rib.applySpec(BLUE);
        rib.applySpec(GREEN);
        rib.subscribe(new Subscription("host1", RED.name(), 1, false));
        rib.subscribe(new Subscription("host2", BLUE.name(), 1, false));
    }

    @Test
    void keepsAPathInItsOwnInstanceOnlyWhenNoOneImportsIt() {
        var changes = rib.addPath(Routes.path("host1", RED.name(), 1, "10.1.1.3/32", "192.168.0.1", 100));

        assertThat(changes).containsExactly(new RouteChange(RED.name(), vm));
        assertThat(rib.table(BLUE.name())).isEmpty();
    }

    @Test
    void replicatesIntoAConnectedInstanceWhenTheConnectionArrivesLater() {
        rib.addPath(Routes.path("host1", RED.name(), 1, "10.1.1.3/32", "192.168.0.1", 100));

        var changes = rib.applySpec(Routes.instance("d:p:blue",
                Set.of("target:64512:8000002", "target:64512:8000001"), Set.of("target:64512:8000002")));

        assertThat(changes).containsExactly(new RouteChange(BLUE.name(), vm));
        assertThat(rib.selection(BLUE.name(), vm)).isPresent();
        assertThat(rib.selection(GREEN.name(), vm)).isEmpty();
    }

    @Test
    void withdrawsReplicatedPathsWhenThePeerGoesDown() {
        rib.applySpec(Routes.instance("d:p:blue", Set.of("target:64512:8000002", "target:64512:8000001"),
                Set.of("target:64512:8000002")));
        rib.addPath(Routes.path("host1", RED.name(), 1, "10.1.1.3/32", "192.168.0.1", 100));

        var changes = rib.peerDown("host1");

        assertThat(changes).containsExactlyInAnyOrder(new RouteChange(RED.name(), vm), new RouteChange(BLUE.name(), vm));
        assertThat(rib.pathCount()).isZero();
        assertThat(rib.subscribers(RED.name())).isEmpty();
    }

    @Test
    void prefersHigherLocalPreferenceAndKeepsEqualPathsAsEcmp() {
        rib.subscribe(new Subscription("host3", RED.name(), 4, false));
        rib.subscribe(new Subscription("host4", RED.name(), 4, false));
        rib.addPath(Routes.path("host1", RED.name(), 1, "10.1.1.3/32", "192.168.0.1", 100));
        rib.addPath(Routes.path("host3", RED.name(), 4, "10.1.1.3/32", "192.168.0.3", 100));

        RouteSelection ecmp = rib.selection(RED.name(), vm).orElseThrow();
        assertThat(ecmp.ecmp()).hasSize(2);
        assertThat(ecmp.reason()).isEqualTo(BestPathReason.LOWER_PEER_KEY);

        rib.addPath(Routes.path("host4", RED.name(), 4, "10.1.1.3/32", "192.168.0.4", 200));
        RouteSelection preferred = rib.selection(RED.name(), vm).orElseThrow();
        assertThat(preferred.best().key().peer()).isEqualTo("host4");
        assertThat(preferred.ecmp()).hasSize(1);
        assertThat(preferred.reason()).isEqualTo(BestPathReason.HIGHER_LOCAL_PREFERENCE);
    }

    @Test
    void rejectsAPublishOutsideASubscriptionWithoutChangingTheRib() {
        assertThatThrownBy(() -> rib.addPath(Routes.path("host1", BLUE.name(), 1, "10.2.2.2/32", "192.168.0.1", 100)))
                .isInstanceOf(RibException.class).hasMessageContaining("not subscribed");
        assertThat(rib.pathCount()).isZero();
    }

    @Test
    void rejectsASecondInstanceWithTheSameInstanceIdFromOnePeer() {
        assertThatThrownBy(() -> rib.subscribe(new Subscription("host1", GREEN.name(), 1, false)))
                .isInstanceOf(RibException.class).hasMessageContaining("instance-id 1");
    }

    @Test
    void unsubscribeWithdrawsOnlyThatInstancesPaths() {
        rib.subscribe(new Subscription("host1", GREEN.name(), 2, false));
        rib.addPath(Routes.path("host1", RED.name(), 1, "10.1.1.3/32", "192.168.0.1", 100));
        rib.addPath(Routes.path("host1", GREEN.name(), 2, "10.3.3.3/32", "192.168.0.1", 100));

        rib.unsubscribe("host1", RED.name());

        assertThat(rib.table(RED.name())).isEmpty();
        assertThat(rib.table(GREEN.name())).hasSize(1);
    }
}
