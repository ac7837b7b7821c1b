package io.filament.agent.oper;

import io.filament.contracts.xmpp.RoutePrefix;

import java.util.List;

/**
 * A route of one VRF: where packets for the prefix go ({@code nextHopId}), with the label the remote host
 * expects (0 for local delivery), the originating network and the security-group ids for policy.
 */
public record VrfRoute(int vrfIndex, RoutePrefix prefix, int nextHopId, long label, String originNetwork,
                       List<Long> securityGroupIds, Origin origin) {

    public enum Origin { LOCAL_INTERFACE, GATEWAY, REMOTE }

    public VrfRoute {
        securityGroupIds = List.copyOf(securityGroupIds);
    }

    public Key key() {
        return new Key(vrfIndex, prefix);
    }

    public record Key(int vrfIndex, RoutePrefix prefix) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = Integer.compare(vrfIndex, o.vrfIndex);
            return c != 0 ? c : prefix.compareTo(o.prefix);
        }
    }
}
