package io.filament.agent.status;

import io.filament.agent.dataplane.wire.DataplaneReply;
import io.filament.agent.oper.NextHopEntry;
import io.filament.agent.oper.OperTables;
import io.filament.agent.oper.VrfRoute;
import io.filament.contracts.net.IpAddress;
import io.filament.contracts.net.IpPrefix;
import io.filament.contracts.status.FlowReport;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns a flow the dataplane reports into TF's two flow records, the forward and the reverse flow, each with
 * its own counters. Networks come from the longest matching route of the flow's VRF ({@code __UNKNOWN__}
 * without one); the forward flow is ingress ({@code direction_ing} 1) when its source is a local port. A
 * flow's uuid is derived from the host, the VRF, the 5-tuple and the start time, so re-sends of one flow carry
 * the same uuid. ICMP flows, which the dataplane keys by the identifier in both ports, are written as TF does:
 * the identifier as {@code sport} and 0 as {@code dport}, in both directions. Pure.
 */
final class FlowReports {

    private static final int ICMP = 1;
    private static final int ICMPV6 = 58;

    private final String host;
    private final String fabricAddress;

    FlowReports(String host, String fabricAddress) {
        this.host = host;
        this.fabricAddress = fabricAddress;
    }

    List<FlowReport> of(DataplaneReply.FlowRecord f, OperTables t) {
        IpAddress source = address(f.family(), f.srcHigh(), f.srcLow());
        IpAddress destination = address(f.family(), f.dstHigh(), f.dstLow());
        Optional<VrfRoute> sourceRoute = longestMatch(t, f.vrf(), source);
        Optional<VrfRoute> destinationRoute = longestMatch(t, f.vrf(), destination);
        String sourceVn = sourceRoute.map(VrfRoute::originNetwork).filter(n -> !n.isEmpty()).orElse(FlowReport.UNKNOWN_NETWORK);
        String destVn = destinationRoute.map(VrfRoute::originNetwork).filter(n -> !n.isEmpty()).orElse(FlowReport.UNKNOWN_NETWORK);
        boolean fromLocalPort = sourceRoute.filter(r -> r.origin() == VrfRoute.Origin.LOCAL_INTERFACE).isPresent();
        String sourceHost = tunnelDestination(t, sourceRoute).orElse(fabricAddress);
        String destinationHost = tunnelDestination(t, destinationRoute).orElse(fabricAddress);
        long setup = Math.multiplyExact(f.startMillis(), 1000L);
        long teardown = f.ended() ? Math.multiplyExact(Math.max(f.lastSeenMillis(), f.startMillis()), 1000L) : 0L;
        String action = f.action() == 1 ? "pass" : "drop";
        String dropReason = f.action() == 1 ? "" : "ds_flow_action_drop";
        boolean icmp = f.protocol() == ICMP || f.protocol() == ICMPV6;
        String tuple = f.vrf() + "|" + f.protocol() + "|" + source + "|" + f.srcPort() + "|" + destination + "|"
                + f.dstPort() + "|" + f.startMillis();
        int sport = f.srcPort();
        int dport = icmp ? 0 : f.dstPort();
        FlowReport forward = new FlowReport(host, sourceVn, destVn, source.toString(), destination.toString(),
                f.protocol(), sport, dport, fromLocalPort ? 1 : 0, action, setup, teardown,
                f.packets(), f.bytes(), uuid(tuple + "|forward"), fabricAddress, destinationHost, "", "", dropReason);
        FlowReport reverse = new FlowReport(host, destVn, sourceVn, destination.toString(), source.toString(),
                f.protocol(), icmp ? sport : f.dstPort(), icmp ? 0 : f.srcPort(), fromLocalPort ? 0 : 1,
                action, setup, teardown, f.reversePackets(), f.reverseBytes(), uuid(tuple + "|reverse"), fabricAddress,
                sourceHost, "", "", dropReason);
        return List.of(forward, reverse);
    }

    private UUID uuid(String flow) {
        return UUID.nameUUIDFromBytes((host + "|" + flow).getBytes(StandardCharsets.UTF_8));
    }

    static IpAddress address(int family, long high, long low) {
        return family == 4 ? IpAddress.ipv4(high >>> 32) : IpAddress.ipv6(high, low);
    }

    private static Optional<VrfRoute> longestMatch(OperTables t, int vrf, IpAddress address) {
        VrfRoute best = null;
        for (VrfRoute r : t.routes().values()) {
            if (r.vrfIndex() != vrf || (best != null && r.prefix().length() <= best.prefix().length())) {
                continue;
            }
            IpAddress network = IpAddress.fromBytes(r.prefix().address());
            if (network.family() == address.family() && IpPrefix.covering(network, r.prefix().length()).contains(address)) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    private static Optional<String> tunnelDestination(OperTables t, Optional<VrfRoute> route) {
        return route.map(r -> t.nextHops().get(r.nextHopId())).flatMap(NextHopEntry::tunnelDestination);
    }
}
