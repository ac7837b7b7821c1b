package io.filament.dataplane.control;

import io.filament.dataplane.control.netty.ControlClient;
import io.filament.dataplane.control.wire.ControlMessage;
import io.filament.dataplane.control.wire.ControlMessage.*;
import io.filament.dataplane.packet.wire.Ipv4Header;
import io.filament.dataplane.packet.wire.MacAddress;
import io.filament.dataplane.table.NextHop;
import io.filament.dataplane.table.Vif;
import java.nio.file.Path;
import java.util.List;

/**
 * A small command-line client of the control socket for scripts and operators:
 *
 * <pre>
 * dpctl SOCKET vrf ID
 * dpctl SOCKET vm INDEX TAP NAMESPACE MAC IPV4 [policy]   interface (TAP into NAMESPACE as eth0) + next hop INDEX
 *                                                          + /32 route in VRF 1 + MPLS label 16+INDEX
 * dpctl SOCKET remote NH mpls|vxlan FABRIC LABEL|VNI IPV4  tunnel next hop NH and a /32 route to it in VRF 1
 * dpctl SOCKET vni VNI VRF
 * dpctl SOCKET counters | flows | dump
 * </pre>
 *
 * Run from the boot jar: {@code java -cp vrouter-dataplane.jar -Dloader.main=io.filament.dataplane.control.DataplaneCtl
 * org.springframework.boot.loader.launch.PropertiesLauncher SOCKET ...}. Exit status 1 when a request is refused.
 */
public final class DataplaneCtl {

    private static final int VRF = 1;

    private DataplaneCtl() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: dpctl SOCKET vrf|vm|remote|vni|counters|flows|dump ...");
            System.exit(2);
        }
        try (ControlClient client = ControlClient.connect(Path.of(args[0]))) {
            List<ControlMessage> requests = requests(args);
            int status = 0;
            for (ControlMessage request : requests) {
                ControlMessage reply = client.call(request);
                if (reply instanceof ErrorReply e) {
                    System.err.println("refused " + request + ": " + e.message());
                    status = 1;
                } else if (!(reply instanceof Ok)) {
                    System.out.println(reply);
                }
            }
            System.exit(status);
        }
    }

    static List<ControlMessage> requests(String[] a) {
        return switch (a[1]) {
            case "vrf" -> List.of(new AddVrf(Integer.parseInt(a[2])));
            case "vm" -> {
                int index = Integer.parseInt(a[2]);
                int ip = Ipv4Header.parse(a[6]);
                int flags = a.length > 7 && a[7].equals("policy") ? Vif.FLAG_POLICY : 0;
                yield List.of(new AddInterface(new Vif(index, a[3], MacAddress.parse(a[5]).value(), ip, VRF, flags,
                                1450, 0, 0, new int[0], new int[0]), a[4], "eth0"),
                        new AddNextHop(new NextHop.Interface(index, index)),
                        new AddRoute(VRF, 4, ((long) ip) << 32, 0, 32, index), new AddLabel(16 + index, index));
            }
            case "remote" -> {
                int nh = Integer.parseInt(a[2]);
                NextHop.Encapsulation encap = a[3].equals("vxlan") ? NextHop.Encapsulation.VXLAN
                        : NextHop.Encapsulation.MPLS_OVER_UDP;
                yield List.of(new AddNextHop(new NextHop.Tunnel(nh, encap, Ipv4Header.parse(a[4]),
                                Integer.parseInt(a[5]), 0)),
                        new AddRoute(VRF, 4, ((long) Ipv4Header.parse(a[6])) << 32, 0, 32, nh));
            }
            case "vni" -> List.of(new AddVni(Integer.parseInt(a[2]), Integer.parseInt(a[3])));
            case "counters" -> List.of(new ReadCounters());
            case "flows" -> List.of(new ReadFlows());
            case "dump" -> List.of(new Dump());
            default -> throw new IllegalArgumentException("unknown command '" + a[1] + "'");
        };
    }
}
