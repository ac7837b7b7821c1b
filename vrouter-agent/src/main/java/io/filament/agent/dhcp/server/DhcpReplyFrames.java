package io.filament.agent.dhcp.server;

import io.filament.agent.dhcp.wire.DhcpFrame;
import io.filament.agent.dhcp.wire.DhcpMessage;
import io.filament.agent.dhcp.wire.DhcpMessageType;
import io.filament.contracts.net.IpAddress;
import io.filament.contracts.net.MacAddress;

/**
 * Addresses a reply the way RFC 2131 §4.1 asks of a server without relay: to ciaddr when the client has one,
 * broadcast when the client asked for it or for a NAK, otherwise unicast to yiaddr at chaddr. The source is the
 * vRouter's gateway: TF's virtual MAC {@code 00:00:5e:00:01:00} and the gateway address.
 */
public final class DhcpReplyFrames {

    public static final MacAddress VROUTER_MAC = MacAddress.parse("00:00:5e:00:01:00");
    private static final IpAddress LIMITED_BROADCAST = IpAddress.parse("255.255.255.255");

    private DhcpReplyFrames() {
    }

    public static DhcpFrame frame(DhcpMessage reply, IpAddress serverIdentifier) {
        boolean nak = reply.messageType().filter(t -> t == DhcpMessageType.NAK).isPresent();
        IpAddress dstIp;
        MacAddress dstMac;
        if (!reply.ciaddr().equals(DhcpMessage.ZERO) && !nak) {
            dstIp = reply.ciaddr();
            dstMac = reply.chaddr();
        } else if (reply.broadcast() || nak) {
            dstIp = LIMITED_BROADCAST;
            dstMac = MacAddress.BROADCAST;
        } else {
            dstIp = reply.yiaddr();
            dstMac = reply.chaddr();
        }
        return new DhcpFrame(dstMac, VROUTER_MAC, serverIdentifier, dstIp, DhcpFrame.SERVER_PORT,
                DhcpFrame.CLIENT_PORT, reply);
    }
}
