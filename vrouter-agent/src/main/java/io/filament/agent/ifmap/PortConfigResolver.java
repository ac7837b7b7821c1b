package io.filament.agent.ifmap;

import io.filament.agent.dhcp.wire.ClasslessRoute;
import io.filament.agent.port.Port;
import io.filament.agent.xmpp.wire.ConfigNodeKey;
import io.filament.agent.xmpp.wire.XmlNode;
import io.filament.contracts.InvalidValueException;
import io.filament.contracts.net.IpAddress;
import io.filament.contracts.net.IpPrefix;
import io.filament.contracts.net.MacAddress;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.UUID;

/**
 * Finds a port's config in the {@link ConfigImage}. The port's VMI is the one whose {@code id-perms} uuid is
 * the port id, or (for config without id-perms) whose name ends in the port id, or whose MAC is the port's.
 * Incomplete config (no VMI yet, no network, no subnet for the address) resolves to empty: the port waits.
 */
public final class PortConfigResolver {

    static final String VMI = "virtual-machine-interface";
    static final String VN = "virtual-network";

    private PortConfigResolver() {
    }

    public static Optional<PortConfig> resolve(ConfigImage image, Port port) {
        Optional<ConfigNodeKey> vmi = findVmi(image, port);
        if (vmi.isEmpty()) {
            return Optional.empty();
        }
        List<ConfigImage.Linked> vns = image.neighbours(vmi.get(), "virtual-machine-interface-virtual-network", VN);
        if (vns.isEmpty()) {
            return Optional.empty();
        }
        ConfigNodeKey vn = vns.getFirst().key();
        String ri = image.neighbours(vmi.get(), "virtual-machine-interface-routing-instance", "routing-instance")
                .stream().findFirst().map(l -> l.key().name()).orElse(vn.name() + ":" + lastSegment(vn.name()));
        Optional<IpAddress> address = instanceIp(image, vmi.get()).or(port::ipv4);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        Optional<XmlNode> subnet = subnetOf(image, vn, address.get());
        if (subnet.isEmpty()) {
            return Optional.empty();
        }
        IpPrefix prefix = prefix(subnet.get()).orElseThrow();
        IpAddress gateway = subnet.get().text("default-gateway").flatMap(PortConfigResolver::address)
                .orElse(IpAddress.ipv4(prefix.broadcast().ipv4Value() - 1));
        Optional<IpAddress> dns = subnet.get().text("dns-server-address").flatMap(PortConfigResolver::address)
                .or(() -> Optional.of(IpAddress.ipv4(prefix.broadcast().ipv4Value() - 2)));
        List<Long> sgIds = new ArrayList<>();
        List<String> ingress = new ArrayList<>();
        List<String> egress = new ArrayList<>();
        Optional<String> networkAcl = image.neighbours(vn, "virtual-network-access-control-list", "access-control-list")
                .stream().findFirst().map(l -> l.key().name());
        for (ConfigImage.Linked sg : image.neighbours(vmi.get(), "virtual-machine-interface-security-group", "security-group")) {
            image.node(sg.key()).flatMap(n -> n.text("security-group-id")).flatMap(PortConfigResolver::number)
                    .ifPresent(sgIds::add);
            for (ConfigImage.Linked acl : image.neighbours(sg.key(), "security-group-access-control-list",
                    "access-control-list")) {
                (acl.key().name().endsWith("egress-access-control-list") ? egress : ingress).add(acl.key().name());
            }
        }
        long networkId = image.node(vn).flatMap(n -> n.text("virtual-network-network-id"))
                .flatMap(PortConfigResolver::number).orElse(0L);
        List<ConfigVersion> versions = new ArrayList<>();
        image.node(vmi.get()).flatMap(PortConfigResolver::version)
                .ifPresent(v -> versions.add(new ConfigVersion(VMI, port.id(), v)));
        image.node(vn).ifPresent(n -> version(n).ifPresent(v -> uuid(n)
                .ifPresent(u -> versions.add(new ConfigVersion(VN, u, v)))));
        return Optional.of(new PortConfig(vmi.get().name(), vn.name(), ri, address.get(), prefix, gateway, dns,
                hostRoutes(subnet.get()), sgIds, networkAcl, ingress, egress, networkId, versions));
    }

    static Optional<ConfigNodeKey> findVmi(ConfigImage image, Port port) {
        NavigableSet<ConfigNodeKey> identified = image.nodesIdentifiedBy(VMI, port.id().toString());
        if (!identified.isEmpty()) {
            return Optional.of(identified.first());
        }
        List<ConfigNodeKey> vmis = image.nodesOfType(VMI);
        for (ConfigNodeKey k : vmis) {
            boolean macMatches = image.node(k).flatMap(n -> n.child("virtual-machine-interface-mac-addresses"))
                    .map(m -> m.all("mac-address")).orElse(List.of()).stream()
                    .anyMatch(m -> mac(m.text()).filter(port.mac()::equals).isPresent());
            if (macMatches) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** The object's version the control node sent as the node's {@code version} attribute. */
    static Optional<Long> version(XmlNode node) {
        return node.attribute("version").flatMap(PortConfigResolver::number).filter(v -> v > 0);
    }

    /** TF's {@code id-perms/uuid/{uuid-mslong,uuid-lslong}}, unsigned decimal. */
    static Optional<UUID> uuid(XmlNode node) {
        Optional<XmlNode> u = node.path("id-perms", "uuid");
        Optional<String> ms = u.flatMap(x -> x.text("uuid-mslong"));
        Optional<String> ls = u.flatMap(x -> x.text("uuid-lslong"));
        if (ms.isEmpty() || ls.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new UUID(new BigInteger(ms.get()).longValue(), new BigInteger(ls.get()).longValue()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<IpAddress> instanceIp(ConfigImage image, ConfigNodeKey vmi) {
        return image.neighbours(vmi, "instance-ip-virtual-machine-interface", "instance-ip").stream()
                .map(l -> image.node(l.key()).flatMap(n -> n.text("instance-ip-address")).flatMap(PortConfigResolver::address))
                .flatMap(Optional::stream).filter(IpAddress::isIpv4).findFirst();
    }

    private static Optional<XmlNode> subnetOf(ConfigImage image, ConfigNodeKey vn, IpAddress address) {
        for (ConfigImage.Linked ipam : image.neighbours(vn, "virtual-network-network-ipam", "network-ipam")) {
            for (XmlNode s : ipam.attribute().map(a -> a.all("ipam-subnets")).orElse(List.of())) {
                if (prefix(s).filter(p -> p.contains(address)).isPresent()) {
                    return Optional.of(s);
                }
            }
        }
        return Optional.empty();
    }

    /** The subnet's prefix; empty when the subnet is malformed (such a subnet holds no address). */
    private static Optional<IpPrefix> prefix(XmlNode ipamSubnet) {
        Optional<XmlNode> subnet = ipamSubnet.child("subnet");
        Optional<IpAddress> network = subnet.flatMap(n -> n.text("ip-prefix")).flatMap(PortConfigResolver::address)
                .filter(IpAddress::isIpv4);
        Optional<Long> length = subnet.flatMap(n -> n.text("ip-prefix-len")).flatMap(PortConfigResolver::number)
                .filter(l -> l >= 0 && l <= 32);
        if (network.isEmpty() || length.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(IpPrefix.covering(network.get(), length.get().intValue()));
    }

    private static List<ClasslessRoute> hostRoutes(XmlNode ipamSubnet) {
        List<ClasslessRoute> routes = new ArrayList<>();
        // A host route that does not parse is left out, as TF's agent does.
        for (XmlNode r : ipamSubnet.child("host-routes").map(h -> h.all("route")).orElse(List.of())) {
            Optional<IpPrefix> prefix = r.text("prefix").flatMap(PortConfigResolver::ipv4Prefix);
            Optional<IpAddress> nextHop = r.text("next-hop").flatMap(PortConfigResolver::address).filter(IpAddress::isIpv4);
            if (prefix.isPresent() && nextHop.isPresent()) {
                routes.add(new ClasslessRoute(prefix.get(), nextHop.get()));
            }
        }
        return routes;
    }

    private static Optional<IpAddress> address(String text) {
        try {
            return Optional.of(IpAddress.parse(text));
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
    }

    private static Optional<IpPrefix> ipv4Prefix(String text) {
        try {
            return Optional.of(IpPrefix.parse(text.strip())).filter(p -> p.network().isIpv4());
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
    }

    private static Optional<MacAddress> mac(String text) {
        try {
            return Optional.of(MacAddress.parse(text));
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> number(String text) {
        try {
            return Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String lastSegment(String fqName) {
        return fqName.substring(fqName.lastIndexOf(':') + 1);
    }
}
