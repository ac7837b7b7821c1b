package io.filament.agent.xmpp.peer;

import io.filament.agent.oper.RemotePath;
import io.filament.agent.xmpp.wire.RouteUpdateEvent;
import io.filament.contracts.xmpp.ItemsNode;
import io.filament.contracts.xmpp.NextHop;
import io.filament.contracts.xmpp.RouteEntry;
import io.filament.contracts.xmpp.RoutePrefix;
import io.filament.contracts.xmpp.TunnelEncapsulation;
import io.filament.contracts.xmpp.XmppFamily;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LearnedRoutesTest {

    static final String RED = "default-domain:demo:red:red";
    static final String CN1 = "127.0.0.1:5269";
    static final String CN2 = "127.0.0.2:5269";

    static RouteEntry route(String prefix, String nextHop, long label, long localPref) {
        return new RouteEntry(XmppFamily.INET, RoutePrefix.parse(prefix), List.of(new NextHop(nextHop, label,
                List.of(TunnelEncapsulation.UDP), "default-domain:demo:red", List.of())), 1, "default-domain:demo:red",
                List.of(8000002L), List.of(), localPref, 0, 0, "");
    }

    static RouteUpdateEvent reach(RouteEntry... routes) {
        return new RouteUpdateEvent(ItemsNode.of(XmppFamily.INET, RED), List.of(routes), List.of(), 0);
    }

    static RouteUpdateEvent retract(String... prefixes) {
        return new RouteUpdateEvent(ItemsNode.of(XmppFamily.INET, RED), List.of(), List.of(prefixes), 0);
    }

    static final RouteUpdateEvent EOR = new RouteUpdateEvent(ItemsNode.END_OF_RIB, List.of(), List.of(), 0);

    private static List<String> prefixes(LearnedRoutes r) {
        return r.best().stream().map(p -> p.prefix().toString()).toList();
    }

    @Test
    void mergesBothControlNodesSoLosingOneLosesNoRoute() {
        LearnedRoutes routes = new LearnedRoutes();
        routes.apply(CN1, reach(route("10.1.1.3/32", "127.0.0.12", 16, 100)));
        routes.apply(CN2, reach(route("10.1.1.3/32", "127.0.0.12", 16, 100), route("10.1.1.4/32", "127.0.0.12", 17, 100)));

        routes.peerDown(CN2);
        routes.sweepStale(CN2);
        routes.apply(CN2, retract("10.1.1.4/32"));

        assertThat(prefixes(routes)).containsExactly("10.1.1.3/32");
    }

    @Test
    void keepsEverythingWhileBothControlNodesAreAway() {
        LearnedRoutes routes = new LearnedRoutes();
        routes.apply(CN1, reach(route("10.1.1.3/32", "127.0.0.12", 16, 100)));
        routes.apply(CN2, reach(route("10.1.1.3/32", "127.0.0.12", 16, 100)));

        routes.peerDown(CN1);
        routes.peerDown(CN2);

        assertThat(routes.best()).singleElement().extracting(RemotePath::label).isEqualTo(16L);
    }

    @Test
    void removesAtEndOfRibOnlyWhatWasNotReannounced() {
        LearnedRoutes routes = new LearnedRoutes();
        routes.apply(CN1, reach(route("10.1.1.3/32", "127.0.0.12", 16, 100), route("10.1.1.4/32", "127.0.0.12", 17, 100)));
        routes.peerDown(CN1);

        routes.apply(CN1, reach(route("10.1.1.3/32", "127.0.0.12", 16, 100)));
        assertThat(prefixes(routes)).containsExactly("10.1.1.3/32", "10.1.1.4/32");
        boolean changed = routes.apply(CN1, EOR);

        assertThat(changed).isTrue();
        assertThat(prefixes(routes)).containsExactly("10.1.1.3/32");
    }

    @Test
    void prefersAFreshPathThenTheHigherLocalPreference() {
        LearnedRoutes routes = new LearnedRoutes();
        routes.apply(CN1, reach(route("10.1.1.3/32", "127.0.0.12", 16, 200)));
        routes.apply(CN2, reach(route("10.1.1.3/32", "127.0.0.13", 30, 100)));
        assertThat(routes.best()).singleElement().extracting(RemotePath::nextHopAddress).isEqualTo("127.0.0.12");

        routes.peerDown(CN1);

        assertThat(routes.best()).singleElement().extracting(RemotePath::nextHopAddress).isEqualTo("127.0.0.13");
    }

    @Test
    void aRetractRemovesOnlyThatControlNodesPath() {
        LearnedRoutes routes = new LearnedRoutes();
        routes.apply(CN1, reach(route("10.1.1.3/32", "127.0.0.12", 16, 100)));
        routes.apply(CN2, reach(route("10.1.1.3/32", "127.0.0.12", 16, 100)));

        routes.apply(CN1, retract("10.1.1.3/32"));

        assertThat(prefixes(routes)).containsExactly("10.1.1.3/32");
        routes.apply(CN2, retract("10.1.1.3/32"));
        assertThat(routes.best()).isEmpty();
    }

    @Test
    void forgettingAControlNodeThatIsDownKeepsThePathsTheOtherReannounced() {
        LearnedRoutes routes = new LearnedRoutes();
        routes.apply(CN1, reach(route("10.1.1.3/32", "127.0.0.12", 16, 100), route("10.1.1.4/32", "127.0.0.12", 17, 100)));
        routes.apply(CN2, reach(route("10.1.1.3/32", "127.0.0.12", 16, 100), route("10.1.1.4/32", "127.0.0.12", 17, 100)));
        routes.peerDown(CN1);
        routes.peerDown(CN2);

        routes.apply(CN1, reach(route("10.1.1.3/32", "127.0.0.12", 16, 100)));
        routes.apply(CN1, EOR);
        int forgotten = routes.forget(CN2);

        assertThat(forgotten).isEqualTo(2);
        assertThat(prefixes(routes)).containsExactly("10.1.1.3/32");
        assertThat(routes.size(CN2)).isZero();
    }

    @Test
    void forgettingAnInstanceDropsOnlyThatControlNodesPathsInIt() {
        String blue = "default-domain:demo:blue:blue";
        LearnedRoutes routes = new LearnedRoutes();
        routes.apply(CN1, reach(route("10.1.1.3/32", "127.0.0.12", 16, 100),
                route("10.1.1.4/32", "127.0.0.12", 17, 100)));
        routes.apply(CN1, new RouteUpdateEvent(ItemsNode.of(XmppFamily.INET, blue),
                List.of(route("10.2.2.3/32", "127.0.0.12", 18, 100)), List.of(), 0));
        routes.apply(CN2, reach(route("10.1.1.3/32", "127.0.0.12", 16, 100)));

        int forgotten = routes.forgetInstance(CN1, RED);

        assertThat(forgotten).isEqualTo(2);
        assertThat(routes.best()).extracting(p -> p.instance() + " " + p.prefix())
                .containsExactly(blue + " 10.2.2.3/32", RED + " 10.1.1.3/32");
        assertThat(routes.size(CN1)).isEqualTo(1);
        assertThat(routes.size(CN2)).isEqualTo(1);
    }
}
