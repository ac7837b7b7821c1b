package io.filament.dataplane.forward;

/** Why a packet was dropped; each has its own counter (TF's {@code vr_drop_stats}). */
public enum DropReason {
    /** A header failed validation (truncated, bad version or length). */
    MALFORMED,
    /** Received on an interface index the tables do not know. */
    UNKNOWN_INTERFACE,
    /** No route for the destination. */
    NO_ROUTE,
    /** The route resolved to a discard next hop. */
    DISCARD,
    /** The next hop cannot be used on this path (e.g. a tunnel reached through a decapsulated packet). */
    INVALID_NEXTHOP,
    /** TTL or hop limit would reach zero. */
    TTL_EXPIRED,
    /** The flow's verdict is drop (network policy or security group). */
    POLICY,
    /** The interface already holds its maximum number of flows. */
    FLOW_LIMIT,
    /** The flow table is full. */
    FLOW_TABLE_FULL,
    /** MPLS label not in the label table. */
    UNKNOWN_LABEL,
    /** VXLAN VNI not in the VNI table. */
    UNKNOWN_VNI,
    /** UDP to the fabric on a port that carries no overlay. */
    UNKNOWN_ENCAPSULATION,
    /** ARP or neighbour solicitation the vRouter does not answer (own address, no route, gratuitous, reply). */
    ARP_NOT_PROXIED,
    /** Multicast or broadcast traffic other than ARP/ND and trapped DHCP. */
    MULTICAST,
    /** Neither IPv4, IPv6 nor ARP. */
    UNSUPPORTED_ETHERTYPE,
    /** The agent's packet-in queue is full. */
    PACKET_IN_QUEUE_FULL,
    /** The output interface or fabric socket refused the packet. */
    TRANSMIT_ERROR
}
