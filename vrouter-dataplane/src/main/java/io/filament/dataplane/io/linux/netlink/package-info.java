/**
 * rtnetlink wire code: a message builder with 4-byte attribute alignment, the {@code RTM_NEWLINK} request that
 * configures a link, the parser of the kernel's {@code NLMSG_ERROR} acks (with extended-ack text), and a routing
 * socket that sends a request and waits for its ack. Pure encoding and decoding except {@code NetlinkSocket}.
 */
package io.filament.dataplane.io.linux.netlink;
