package io.filament.control.rib;

import io.filament.contracts.xmpp.RoutePrefix;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RibGracefulRestartTest {

    static final RoutingInstanceSpec RED = Routes.instance("d:p:red",
            Set.of("target:64512:8000001", "target:64512:8000002"), Set.of("target:64512:8000001"));
    static final RoutingInstanceSpec BLUE = Routes.instance("d:p:blue",
            Set.of("target:64512:8000002", "target:64512:8000001"), Set.of("target:64512:8000002"));

    final Rib rib = new Rib();
    final RoutePrefix vm3 = RoutePrefix.parse("10.1.1.3/32");
    final RoutePrefix vm4 = RoutePrefix.parse("10.1.1.4/32");

    @BeforeEach
    void twoAgentsInConnectedNetworks() {
        rib.applySpec(RED);
        rib.applySpec(BLUE);
        rib.subscribe(new Subscription("host1", RED.name(), 1, false));
        rib.subscribe(new Subscription("host2", BLUE.name(), 1, false));
        rib.addPath(Routes.path("host1", RED.name(), 1, "10.1.1.3/32", "192.168.0.1", 100));
        rib.addPath(Routes.path("host1", RED.name(), 1, "10.1.1.4/32", "192.168.0.1", 100));
    }

    @Test
    void aLostPeerKeepsItsPathsStaleAndLosesItsSubscriptions() {
        int kept = rib.peerStale("host1");

        assertThat(kept).isEqualTo(2);
        assertThat(rib.staleCount("host1")).isEqualTo(2);
        assertThat(rib.subscribers(RED.name())).isEmpty();
        assertThat(rib.selection(RED.name(), vm3)).isPresent();
        assertThat(rib.selection(BLUE.name(), vm3)).isPresent();
        assertThat(rib.selection(BLUE.name(), vm4)).isPresent();
    }

    @Test
    void aRepublishedPathIsNoLongerStaleAndChangesNothingWhenItIsTheSame() {
        rib.peerStale("host1");
        rib.subscribe(new Subscription("host1", RED.name(), 1, false));

        var changes = rib.addPath(Routes.path("host1", RED.name(), 1, "10.1.1.3/32", "192.168.0.1", 100));

        assertThat(changes).isEmpty();
        assertThat(rib.staleCount("host1")).isEqualTo(1);
    }

    @Test
    void theSweepWithdrawsOnlyWhatWasNotRepublished() {
        rib.peerStale("host1");
        rib.subscribe(new Subscription("host1", RED.name(), 1, false));
        rib.addPath(Routes.path("host1", RED.name(), 1, "10.1.1.3/32", "192.168.0.1", 100));

        var changes = rib.sweepStale("host1");

        assertThat(changes).containsExactlyInAnyOrder(new RouteChange(RED.name(), vm4), new RouteChange(BLUE.name(), vm4));
        assertThat(rib.selection(BLUE.name(), vm4)).isEmpty();
        assertThat(rib.selection(BLUE.name(), vm3)).isPresent();
        assertThat(rib.staleCount("host1")).isZero();
        assertThat(rib.sweepStale("host1")).isEmpty();
    }

    @Test
    void aPathRepublishedUnderANewInstanceIdReplacesTheStaleOneAtTheSweep() {
        rib.peerStale("host1");
        rib.subscribe(new Subscription("host1", RED.name(), 7, false));
        rib.addPath(Routes.path("host1", RED.name(), 7, "10.1.1.3/32", "192.168.0.1", 100));

        rib.sweepStale("host1");

        assertThat(rib.table(BLUE.name()).get(vm3).keySet()).extracting(PathKey::sourceRd)
                .singleElement().asString().endsWith(":7");
    }

    @Test
    void aStalePeerThatNeverReturnsLosesEveryPathAtTheSweepAndIdleInstancesGo() {
        rib.peerStale("host1");
        rib.removeSpec(RED.name());

        var changes = rib.sweepStale("host1");

        assertThat(changes).contains(new RouteChange(RED.name(), vm3), new RouteChange(RED.name(), vm4));
        assertThat(rib.instances()).doesNotContainKey(RED.name());
        assertThat(rib.pathCount()).isZero();
    }

    @Test
    void aWithdrawalOrUnsubscribeAfterTheReturnEndsTheStaleMarkOfWhatItRemoves() {
        rib.peerStale("host1");
        rib.subscribe(new Subscription("host1", RED.name(), 1, false));

        var withdrawn = rib.deletePath("host1", RED.name(), vm3);
        assertThat(withdrawn).contains(new RouteChange(BLUE.name(), vm3));
        assertThat(rib.staleCount("host1")).isEqualTo(1);

        rib.unsubscribe("host1", RED.name());
        assertThat(rib.staleCount("host1")).isZero();
        assertThat(rib.table(BLUE.name())).isEmpty();
    }

    @Test
    void peerDownAfterAGracefulLossWithdrawsTheStalePathsToo() {
        rib.peerStale("host1");

        var changes = rib.peerDown("host1");

        assertThat(changes).contains(new RouteChange(BLUE.name(), vm3), new RouteChange(BLUE.name(), vm4));
        assertThat(rib.staleCount("host1")).isZero();
        assertThat(rib.table(BLUE.name())).isEmpty();
    }
}
