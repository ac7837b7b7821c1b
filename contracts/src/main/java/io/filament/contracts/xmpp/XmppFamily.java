package io.filament.contracts.xmpp;

import java.util.Arrays;

/**
 * Address family of an XMPP route item, identified on the wire by its AFI/SAFI pair as in
 * {@code <nlri><af>1</af><safi>1</safi>} and in node names such as {@code 1/1/<vrf>}.
 */
public enum XmppFamily {
    INET(1, 1, "inet.0"),
    INET6(2, 1, "inet6.0");

    private final int afi;
    private final int safi;
    private final String tableSuffix;

    XmppFamily(int afi, int safi, String tableSuffix) {
        this.afi = afi;
        this.safi = safi;
        this.tableSuffix = tableSuffix;
    }

    public int afi() {
        return afi;
    }

    public int safi() {
        return safi;
    }

    /** Name of the routing-instance table for this family, e.g. {@code inet.0}. */
    public String tableSuffix() {
        return tableSuffix;
    }

    /** The node-name prefix {@code <afi>/<safi>}. */
    public String nodePrefix() {
        return afi + "/" + safi;
    }

    public static XmppFamily of(int afi, int safi) {
        return Arrays.stream(values())
                .filter(f -> f.afi == afi && f.safi == safi)
                .findFirst()
                .orElseThrow(() -> new XmppPayloadException("af/safi", afi + "/" + safi, "unsupported address family"));
    }
}
