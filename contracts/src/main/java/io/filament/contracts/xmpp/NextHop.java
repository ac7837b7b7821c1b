package io.filament.contracts.xmpp;

import java.util.List;

/**
 * One {@code <next-hop>}: the tunnel endpoint (agent fabric address), MPLS label (or VNI), accepted
 * encapsulations and the virtual network of the path.
 *
 * @param address            tunnel endpoint, literal IPv4 (fabric) address as text
 * @param label              MPLS label, 1..2^24-1 inside a VRF
 * @param encapsulations     accepted encapsulations, in the agent's order of preference
 * @param virtualNetwork     fq-name of the originating virtual network, empty when not given
 * @param tags               tag ids ({@code tag-list}), empty when none
 */
public record NextHop(String address, long label, List<TunnelEncapsulation> encapsulations,
                      String virtualNetwork, List<Long> tags) {

    public static final long MAX_LABEL = (1L << 24) - 1;

    public NextHop {
        encapsulations = List.copyOf(encapsulations);
        tags = List.copyOf(tags);
        virtualNetwork = virtualNetwork == null ? "" : virtualNetwork;
        if (label < 0 || label > MAX_LABEL) {
            throw new XmppPayloadException("next-hop/label", String.valueOf(label), "must be within 0..2^24-1");
        }
    }
}
