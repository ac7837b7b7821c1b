package io.filament.contracts.xmpp;

import java.util.List;

/**
 * A route {@code <entry>} of {@code xmpp_unicast.xsd} (inet and inet6 items).
 *
 * @param family          address family from {@code nlri/af} and {@code nlri/safi}
 * @param prefix          {@code nlri/address}
 * @param nextHops        {@code next-hops/next-hop}; exactly one from an agent, all ECMP paths towards agents
 * @param version         {@code version}, 1 from current agents
 * @param virtualNetwork  entry-level {@code virtual-network}, empty when absent
 * @param securityGroups  {@code security-group-list/security-group} ids
 * @param communityTags   {@code community-tag-list/community-tag}
 * @param localPreference {@code local-preference}; 100 normal, 200 preferred (HA/AAP), 1 stale
 * @param med             {@code med}; 0 from agents means "derive from local preference"
 * @param sequenceNumber  {@code sequence-number} (MAC mobility)
 * @param subProtocol     {@code sub-protocol}, empty when absent
 */
public record RouteEntry(XmppFamily family, RoutePrefix prefix, List<NextHop> nextHops, long version,
                         String virtualNetwork, List<Long> securityGroups, List<String> communityTags,
                         long localPreference, long med, long sequenceNumber, String subProtocol) {

    public static final long DEFAULT_LOCAL_PREFERENCE = 100;

    public RouteEntry {
        nextHops = List.copyOf(nextHops);
        securityGroups = List.copyOf(securityGroups);
        communityTags = List.copyOf(communityTags);
        virtualNetwork = virtualNetwork == null ? "" : virtualNetwork;
        subProtocol = subProtocol == null ? "" : subProtocol;
        if (prefix.isIpv4() != (family == XmppFamily.INET)) {
            throw new XmppPayloadException("nlri/address", prefix.toString(), "does not match family " + family);
        }
    }

    /**
     * The MED a path carries: the published one when non-zero, otherwise TF's derivation from the local
     * preference (100 → 200, 200 → 100, anything else → 2^32-1-LP).
     */
    public long effectiveMed() {
        if (med != 0) {
            return med;
        }
        if (localPreference == 100) {
            return 200;
        }
        if (localPreference == 200) {
            return 100;
        }
        return 0xFFFF_FFFFL - localPreference;
    }

    /** The item id under which this route is announced: the prefix text for inet and inet6. */
    public String itemId() {
        return prefix.toString();
    }
}
