package io.filament.agent.ifmap;

import io.filament.agent.port.Port;
import io.filament.agent.xmpp.wire.ConfigItem;
import io.filament.agent.xmpp.wire.ConfigNodeKey;
import io.filament.agent.xmpp.wire.XmlNode;
import io.filament.contracts.net.IpAddress;
import io.filament.contracts.net.MacAddress;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A port's config is resolved again only when something its resolution read changed: these tests hold the cache to
 * a fresh {@link PortConfigResolver#resolve} after every change of random sequences over the whole graph the
 * resolver walks (VMIs found by uuid, name or MAC, networks, the IPAM link's attribute midnode, instance-ips,
 * security groups and their ACLs, the network's ACL, routing instances), resyncs, sweeps and ports that change,
 * starting from an image in which every port resolves.
 */
class PortConfigCacheTest {

    private static final List<UUID> IDS = List.of(UUID.fromString("0b5c7ed2-8d3e-4c53-9a8e-2f1b1c2d3e4f"),
            UUID.fromString("f0e1d2c3-b4a5-4968-8776-655443322110"));
    private static final List<String> MACS = List.of("02:00:00:00:00:01", "02:00:00:00:00:02");
    private static final String VMI = "virtual-machine-interface";
    private static final String VN = "virtual-network";
    private static final String IPAM_LINK = "virtual-network-network-ipam";

    private static final List<ConfigNodeKey> NODES = List.of(
            key(VMI, "d:p:" + IDS.get(0)), key(VMI, "d:p:" + IDS.get(1)), key(VMI, "d:p:by-mac"),
            key(VN, "d:p:red"), key(VN, "d:p:blue"), key("network-ipam", "d:p:ipam"),
            key(IPAM_LINK, "attr(d:p:ipam,d:p:red)"), key(IPAM_LINK, "attr(d:p:ipam,d:p:blue)"),
            key("instance-ip", "iip-1"), key("instance-ip", "iip-2"),
            key("security-group", "d:p:sg"), key("access-control-list", "d:p:sg:ingress-access-control-list"),
            key("access-control-list", "d:p:sg:egress-access-control-list"), key("access-control-list", "d:p:red:red"),
            key("routing-instance", "d:p:red:red"), key("routing-instance", "d:p:blue:other"));

    private static final String VMI_VN = "virtual-machine-interface-virtual-network";
    private static final String IIP_VMI = "instance-ip-virtual-machine-interface";
    private static final String VMI_SG = "virtual-machine-interface-security-group";
    private static final String SG_ACL = "security-group-access-control-list";
    private static final String VMI_RI = "virtual-machine-interface-routing-instance";

    private static final List<ConfigItem.Link> LINKS = List.of(
            link(VMI_VN, 0, 3), link(VMI_VN, 1, 3), link(VMI_VN, 1, 4), link(VMI_VN, 2, 4),
            link(IPAM_LINK, 3, 6), link(IPAM_LINK, 6, 5), link(IPAM_LINK, 4, 7), link(IPAM_LINK, 7, 5),
            link(IIP_VMI, 8, 0), link(IIP_VMI, 9, 1), link(IIP_VMI, 9, 2),
            link(VMI_SG, 0, 10), link(VMI_SG, 2, 10), link(SG_ACL, 10, 11), link(SG_ACL, 10, 12),
            link("virtual-network-access-control-list", 3, 13), link(VMI_RI, 0, 14), link(VMI_RI, 1, 15));

    /**
     * One step: {@code kind} 0 resync, 1 sweep, 2 port change, 3–4 node delete, 5–9 node update, 10–11 link delete,
     * 12–15 link update; {@code which} picks the node, link or port, {@code variant} the node's content or port.
     */
    record Op(int kind, int which, int variant) {
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        return Combinators.combine(Arbitraries.integers().between(0, 15), Arbitraries.integers().between(0, 99),
                Arbitraries.integers().between(0, 2)).as(Op::new).list().ofMaxSize(60);
    }

    // random sequences only: the edge cases of three combined values would use up every try
    @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
    void aKeptConfigIsAlwaysWhatAFreshResolutionGives(@ForAll("operations") List<Op> ops) {
        ConfigImage image = completeImage();
        PortConfigCache cache = new PortConfigCache();
        int[] portVariants = {0, 0, 0};
        List<Op> done = new ArrayList<>();
        for (Op op : ops) {
            apply(image, op, portVariants);
            done.add(op);
            for (int slot = 0; slot < portVariants.length; slot++) {
                Port port = port(slot, portVariants[slot]);
                assertThat(cache.resolve(image, port)).as("port %d after %s", slot, done)
                        .isEqualTo(PortConfigResolver.resolve(image, port));
            }
        }
    }

    @Test
    void aRouteOnlyRecomputeResolvesNothingAndAChangeResolvesOnlyThePortsThatReadIt() {
        ConfigImage image = completeImage();
        PortConfigCache cache = new PortConfigCache();
        Port first = port(0, 0);
        Port second = port(1, 0);
        assertThat(cache.resolve(image, first)).isPresent();
        assertThat(cache.resolve(image, second)).isPresent();

        cache.resolve(image, first);
        cache.resolve(image, second);
        assertThat(cache.reused()).isEqualTo(2);

        // the first port's instance-ip moves: only the first port reads it
        image.apply(new ConfigItem.NodeUpdate(NODES.get(8), content(8, 1)));
        assertThat(cache.resolve(image, first)).isEqualTo(PortConfigResolver.resolve(image, first));
        cache.resolve(image, second);
        assertThat(cache.resolved()).isEqualTo(3);
        assertThat(cache.reused()).isEqualTo(3);

        // another VMI leaves the first port's network: the network's other links are not what the first port read
        image.apply(new ConfigItem.LinkDelete(LINKS.get(1)));
        cache.resolve(image, first);
        assertThat(cache.reused()).isEqualTo(4);
    }

    @Test
    void aVmiThatComesFirstUnderThePortsUuidIsSeen() {
        ConfigImage image = completeImage();
        PortConfigCache cache = new PortConfigCache();
        Port second = port(1, 0);
        assertThat(cache.resolve(image, second).map(PortConfig::vmi)).contains(NODES.get(1).name());

        // the first VMI now carries the second port's uuid, and sorts before the VMI named after it
        image.apply(new ConfigItem.NodeUpdate(NODES.get(0), content(0, 2)));
        assertThat(cache.resolve(image, second).map(PortConfig::vmi)).contains(NODES.get(0).name());
    }

    @Test
    void aVmiNamedAfterThePortThatComesBackIsSeen() {
        ConfigImage image = completeImage();
        PortConfigCache cache = new PortConfigCache();
        Port first = port(0, 0);
        image.apply(new ConfigItem.NodeUpdate(NODES.get(1), content(1, 2))); // carries the first port's uuid
        image.apply(new ConfigItem.NodeDelete(NODES.get(0)));
        assertThat(cache.resolve(image, first).map(PortConfig::vmi)).contains(NODES.get(1).name());

        image.apply(new ConfigItem.NodeUpdate(NODES.get(0), content(0, 1))); // named after the port, no uuid
        assertThat(cache.resolve(image, first).map(PortConfig::vmi)).contains(NODES.get(0).name());
    }

    /** Every node in its first variant and every link: each port resolves, and any change can matter. */
    private static ConfigImage completeImage() {
        ConfigImage image = new ConfigImage();
        for (int n = 0; n < NODES.size(); n++) {
            image.apply(new ConfigItem.NodeUpdate(NODES.get(n), content(n, 0)));
        }
        LINKS.forEach(l -> image.apply(new ConfigItem.LinkUpdate(l)));
        return image;
    }

    private static void apply(ConfigImage image, Op op, int[] portVariants) {
        switch (op.kind()) {
            case 0 -> image.beginResync();
            case 1 -> image.sweepStale();
            case 2 -> portVariants[op.which() % portVariants.length] = op.variant();
            case 3, 4 -> image.apply(new ConfigItem.NodeDelete(NODES.get(op.which() % NODES.size())));
            case 5, 6, 7, 8, 9 -> {
                int n = op.which() % NODES.size();
                image.apply(new ConfigItem.NodeUpdate(NODES.get(n), content(n, op.variant())));
            }
            case 10, 11 -> image.apply(new ConfigItem.LinkDelete(LINKS.get(op.which() % LINKS.size())));
            default -> image.apply(new ConfigItem.LinkUpdate(LINKS.get(op.which() % LINKS.size())));
        }
    }

    /** Slot 0 and 1: the ports of the VMIs named after them; slot 2 only found by MAC. Variants change MAC and IP. */
    private static Port port(int slot, int variant) {
        UUID id = slot < 2 ? IDS.get(slot) : UUID.fromString("3f1e0c2a-5b6d-4e7f-8a9b-0c1d2e3f4a5b");
        MacAddress mac = MacAddress.parse(MACS.get((slot + variant) % MACS.size()));
        Optional<IpAddress> ipv4 = variant == 2 ? Optional.of(IpAddress.parse("10.2.2.9")) : Optional.empty();
        return new Port(id, UUID.nameUUIDFromBytes(id.toString().getBytes(StandardCharsets.UTF_8)),
                Optional.empty(), Optional.empty(), ipv4, Optional.empty(), mac, "tap" + slot, "", Port.NO_VLAN,
                Port.NO_VLAN, Port.PortType.VIRTUAL_MACHINE, Optional.empty(), Optional.empty());
    }

    /** The properties of node {@code n} in one of three variants. */
    private static XmlNode content(int n, int variant) {
        ConfigNodeKey key = NODES.get(n);
        Map<String, String> version = Map.of("version", Integer.toString(variant + 1));
        return switch (key.type()) {
            case VMI -> {
                List<XmlNode> children = new ArrayList<>();
                if (n < 2 && variant != 1) {
                    children.add(idPerms(IDS.get((n + variant / 2) % IDS.size())));
                }
                children.add(new XmlNode("virtual-machine-interface-mac-addresses", Map.of(), "",
                        List.of(XmlNode.leaf("mac-address", MACS.get((n + variant) % MACS.size())))));
                yield new XmlNode("node", version, "", children);
            }
            case VN -> new XmlNode("node", version, "", List.of(
                    idPerms(UUID.nameUUIDFromBytes(key.name().getBytes(StandardCharsets.UTF_8))),
                    XmlNode.leaf("virtual-network-network-id", Integer.toString(n * 10 + variant))));
            case IPAM_LINK -> new XmlNode("node", Map.of(), "", List.of(new XmlNode("value", Map.of(), "",
                    List.of(subnet(variant == 2 ? "10.2.2.0" : "10.1.1.0", variant == 1)))));
            case "instance-ip" -> new XmlNode("node", Map.of(), "", List.of(
                    XmlNode.leaf("instance-ip-address", List.of("10.1.1.5", "10.2.2.5", "10.1.1.77").get(variant))));
            case "security-group" -> new XmlNode("node", Map.of(), "",
                    List.of(XmlNode.leaf("security-group-id", Integer.toString(8_000_001 + variant))));
            default -> new XmlNode("node", Map.of(), "", List.of(XmlNode.leaf("display-name", "v" + variant)));
        };
    }

    private static XmlNode subnet(String prefix, boolean withGatewayAndRoutes) {
        List<XmlNode> children = new ArrayList<>();
        children.add(new XmlNode("subnet", Map.of(), "", List.of(XmlNode.leaf("ip-prefix", prefix),
                XmlNode.leaf("ip-prefix-len", "24"))));
        if (withGatewayAndRoutes) {
            String gateway = prefix.substring(0, prefix.lastIndexOf('.')) + ".1";
            children.add(XmlNode.leaf("default-gateway", gateway));
            children.add(new XmlNode("host-routes", Map.of(), "", List.of(new XmlNode("route", Map.of(), "", List.of(
                    XmlNode.leaf("prefix", "192.168.0.0/16"), XmlNode.leaf("next-hop", gateway))))));
        }
        return new XmlNode("ipam-subnets", Map.of(), "", children);
    }

    private static XmlNode idPerms(UUID u) {
        return new XmlNode("id-perms", Map.of(), "", List.of(new XmlNode("uuid", Map.of(), "", List.of(
                XmlNode.leaf("uuid-mslong", Long.toUnsignedString(u.getMostSignificantBits())),
                XmlNode.leaf("uuid-lslong", Long.toUnsignedString(u.getLeastSignificantBits()))))));
    }

    private static ConfigNodeKey key(String type, String name) {
        return new ConfigNodeKey(type, name);
    }

    private static ConfigItem.Link link(String metadata, int a, int b) {
        return new ConfigItem.Link(metadata, NODES.get(a), NODES.get(b));
    }
}
