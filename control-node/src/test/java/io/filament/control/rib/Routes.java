package io.filament.control.rib;

import io.filament.contracts.xmpp.NextHop;
import io.filament.contracts.xmpp.RouteEntry;
import io.filament.contracts.xmpp.RoutePrefix;
import io.filament.contracts.xmpp.TunnelEncapsulation;
import io.filament.contracts.xmpp.XmppFamily;

import java.util.List;
import java.util.Set;

/** Paths and instance specs for RIB tests. */
final class Routes {

    private Routes() {
    }

    static RoutingInstanceSpec instance(String vn, Set<String> imports, Set<String> exports) {
        return new RoutingInstanceSpec(vn + ":" + vn.substring(vn.lastIndexOf(':') + 1), vn, imports, exports);
    }

    static Path path(String peer, String instance, int instanceId, String prefix, String nh, long lp) {
        RoutePrefix p = RoutePrefix.parse(prefix);
        RouteEntry e = new RouteEntry(p.isIpv4() ? XmppFamily.INET : XmppFamily.INET6, p,
                List.of(new NextHop(nh, 16, List.of(TunnelEncapsulation.UDP), "", List.of())),
                1, "", List.of(), List.of(), lp, 0, 0, "interface");
        // the SourceRD is the agent's session address and its VRF index: stable while the next hop changes
        return new Path(new PathKey(peer, "10.255.0." + (peer.hashCode() & 0x7f) + ":" + instanceId), instance, instance, e);
    }
}
