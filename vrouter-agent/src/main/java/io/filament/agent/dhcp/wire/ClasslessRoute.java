package io.filament.agent.dhcp.wire;

import io.filament.contracts.net.IpAddress;
import io.filament.contracts.net.IpPrefix;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A route of option 121 (RFC 3442): destination prefix and router. On the wire each route is the prefix
 * length, the significant octets of the destination (⌈len/8⌉), then the four octets of the router.
 */
public record ClasslessRoute(IpPrefix destination, IpAddress router) {

    public ClasslessRoute {
        if (!destination.network().isIpv4() || !router.isIpv4()) {
            throw new DhcpDecodeException("option 121", destination + " via " + router, "IPv4 only");
        }
    }

    public static byte[] encode(List<ClasslessRoute> routes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ClasslessRoute r : routes) {
            int len = r.destination.length();
            out.write(len);
            out.write(r.destination.network().toBytes(), 0, (len + 7) / 8);
            out.write(r.router.toBytes(), 0, 4);
        }
        return out.toByteArray();
    }

    public static List<ClasslessRoute> decode(byte[] value) {
        List<ClasslessRoute> routes = new ArrayList<>();
        int i = 0;
        while (i < value.length) {
            int len = value[i] & 0xff;
            if (len > 32) {
                throw new DhcpDecodeException("option 121", "/" + len, "prefix length above 32");
            }
            int significant = (len + 7) / 8;
            if (i + 1 + significant + 4 > value.length) {
                throw new DhcpDecodeException("option 121", value.length + " bytes", "route truncated");
            }
            byte[] dst = new byte[4];
            System.arraycopy(value, i + 1, dst, 0, significant);
            byte[] gw = new byte[4];
            System.arraycopy(value, i + 1 + significant, gw, 0, 4);
            routes.add(new ClasslessRoute(IpPrefix.covering(IpAddress.fromBytes(dst), len), IpAddress.fromBytes(gw)));
            i += 1 + significant + 4;
        }
        return routes;
    }
}
