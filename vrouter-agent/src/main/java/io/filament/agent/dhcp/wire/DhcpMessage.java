package io.filament.agent.dhcp.wire;

import io.filament.contracts.net.IpAddress;
import io.filament.contracts.net.MacAddress;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A BOOTP/DHCP message (RFC 2131 §2) for Ethernet clients. {@code sname} and {@code file} are not used by
 * this server and are neither kept nor produced (they are written as zeros).
 *
 * @param op        1 BOOTREQUEST, 2 BOOTREPLY
 * @param xid       transaction id chosen by the client
 * @param secs      seconds since the client began
 * @param broadcast the BROADCAST flag: the client cannot receive unicast before it has an address
 * @param options   in wire order, without pad and end
 */
public record DhcpMessage(int op, int xid, int secs, boolean broadcast, IpAddress ciaddr, IpAddress yiaddr,
                          IpAddress siaddr, IpAddress giaddr, MacAddress chaddr, List<DhcpOption> options) {

    public static final int BOOTREQUEST = 1;
    public static final int BOOTREPLY = 2;
    public static final IpAddress ZERO = IpAddress.ipv4(0);

    public DhcpMessage {
        if (op != BOOTREQUEST && op != BOOTREPLY) {
            throw new DhcpDecodeException("op", String.valueOf(op), "must be 1 (request) or 2 (reply)");
        }
        if (secs < 0 || secs > 0xFFFF) {
            throw new DhcpDecodeException("secs", String.valueOf(secs), "must be within 0..65535");
        }
        for (IpAddress a : List.of(ciaddr, yiaddr, siaddr, giaddr)) {
            if (!a.isIpv4()) {
                throw new DhcpDecodeException("address", a.toString(), "must be IPv4");
            }
        }
        options = List.copyOf(options);
    }

    public Optional<DhcpOption> option(int code) {
        return options.stream().filter(o -> o.code() == code).findFirst();
    }

    /** Option 53; a BOOTP message without it has none. */
    public Optional<DhcpMessageType> messageType() {
        return option(DhcpOption.MESSAGE_TYPE).flatMap(o -> {
            byte[] v = o.value();
            if (v.length != 1) {
                throw new DhcpDecodeException("option 53", v.length + " bytes", "must be one byte");
            }
            return DhcpMessageType.of(v[0] & 0xff);
        });
    }

    public Optional<IpAddress> requestedAddress() {
        return address(DhcpOption.REQUESTED_ADDRESS);
    }

    public Optional<IpAddress> serverIdentifier() {
        return address(DhcpOption.SERVER_IDENTIFIER);
    }

    /** Option 55 as a list of codes, empty when absent. */
    public List<Integer> parameterRequestList() {
        List<Integer> codes = new ArrayList<>();
        option(DhcpOption.PARAMETER_REQUEST_LIST).ifPresent(o -> {
            for (byte b : o.value()) {
                codes.add(b & 0xff);
            }
        });
        return codes;
    }

    private Optional<IpAddress> address(int code) {
        return option(code).map(o -> {
            byte[] v = o.value();
            if (v.length != 4) {
                throw new DhcpDecodeException("option " + code, v.length + " bytes", "must be an IPv4 address");
            }
            return IpAddress.fromBytes(v);
        });
    }
}
