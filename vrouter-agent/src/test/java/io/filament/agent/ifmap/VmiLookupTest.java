package io.filament.agent.ifmap;

import io.filament.agent.oper.OperTablesBuilderTestFixtures;
import io.filament.agent.port.Port;
import io.filament.agent.xmpp.wire.ConfigItem;
import io.filament.agent.xmpp.wire.ConfigNodeKey;
import io.filament.agent.xmpp.wire.XmlNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The port → VMI lookup reads the image's indexes (by type, by uuid and last name segment) instead of scanning and
 * sorting every node for every port of every recompute. These tests hold it to the rule it replaced, written out
 * here as a plain scan over a model of the image: the first VMI in key order whose id-perms uuid is the port's,
 * whose name is the port's uuid or ends in {@code ":" + uuid}; else the first whose MAC is the port's.
 */
class VmiLookupTest {

    private static final String VMI = PortConfigResolver.VMI;
    private static final List<UUID> IDS = List.of(UUID.fromString("0b5c7ed2-8d3e-4c53-9a8e-2f1b1c2d3e4f"),
            UUID.fromString("f0e1d2c3-b4a5-4968-8776-655443322110"), UUID.fromString("7a3d5e21-0c4b-4f8e-b1a2-93c4d5e6f708"));
    private static final List<String> MACS = List.of("02:00:00:00:00:01", "02:00:00:00:00:02", "02:00:00:00:00:03");

    /** One change to the image: a node (re)sent with an id-perms uuid and a MAC or without, deleted, or a resync. */
    record Op(int kind, String type, String name, int uuid, int mac) {
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<String> names = Arbitraries.of("d:p:" + IDS.get(0), "d:p:" + IDS.get(1), IDS.get(2).toString(),
                "d:p:vm-a", "d:p:vm-b", "vm-" + IDS.get(0), "d:p:x" + IDS.get(1));
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 9),
                Arbitraries.of(VMI, VMI, VMI, "virtual-machine"), names, Arbitraries.integers().between(-1, 2),
                Arbitraries.integers().between(-1, 2)).as(Op::new);
        return op.list().ofMaxSize(40);
    }

    // random sequences only: the edge cases of five combined values would use up every try
    @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
    void findsTheVmiTheFullScanFinds(@ForAll("operations") List<Op> ops) {
        ConfigImage image = new ConfigImage();
        Model model = new Model();
        for (Op op : ops) {
            ConfigNodeKey key = new ConfigNodeKey(op.type(), op.name());
            if (op.kind() == 0) {
                image.beginResync();
                model.generation++;
            } else if (op.kind() == 1) {
                image.sweepStale();
                model.nodes.values().removeIf(n -> n.generation < model.generation);
            } else if (op.kind() <= 3) {
                image.apply(new ConfigItem.NodeDelete(key));
                model.nodes.remove(key);
            } else {
                XmlNode node = vmiNode(op.uuid() < 0 ? Optional.empty() : Optional.of(IDS.get(op.uuid())),
                        op.mac() < 0 ? Optional.empty() : Optional.of(MACS.get(op.mac())));
                image.apply(new ConfigItem.NodeUpdate(key, node));
                model.nodes.put(key, new Model.Node(node, model.generation));
            }
        }
        for (UUID id : IDS) {
            for (String mac : MACS) {
                Port port = OperTablesBuilderTestFixtures.port(id, mac, "tap0");
                assertThat(PortConfigResolver.findVmi(image, port)).as("%s %s after %s", id, mac, ops)
                        .isEqualTo(model.scan(port));
            }
        }
        assertThat(image.nodesOfType(VMI)).isEqualTo(model.nodes.keySet().stream()
                .filter(k -> k.type().equals(VMI)).toList());
    }

    @Test
    void aVmiWhoseUuidChangesIsFoundUnderTheNewOneOnly() {
        ConfigImage image = new ConfigImage();
        ConfigNodeKey key = new ConfigNodeKey(VMI, "d:p:vm-a");
        image.apply(new ConfigItem.NodeUpdate(key, vmiNode(Optional.of(IDS.get(0)), Optional.empty())));
        image.apply(new ConfigItem.NodeUpdate(key, vmiNode(Optional.of(IDS.get(1)), Optional.empty())));

        assertThat(image.nodesIdentifiedBy(VMI, IDS.get(0).toString())).isEmpty();
        assertThat(image.nodesIdentifiedBy(VMI, IDS.get(1).toString())).containsExactly(key);
        assertThat(image.nodesIdentifiedBy("virtual-machine", IDS.get(1).toString())).isEmpty();
    }

    private static XmlNode vmiNode(Optional<UUID> uuid, Optional<String> mac) {
        List<XmlNode> children = new ArrayList<>();
        uuid.ifPresent(u -> {
            XmlNode ids = new XmlNode("uuid", Map.of(), "", List.of(
                    XmlNode.leaf("uuid-mslong", Long.toUnsignedString(u.getMostSignificantBits())),
                    XmlNode.leaf("uuid-lslong", Long.toUnsignedString(u.getLeastSignificantBits()))));
            children.add(new XmlNode("id-perms", Map.of(), "", List.of(ids)));
        });
        mac.ifPresent(m -> children.add(new XmlNode("virtual-machine-interface-mac-addresses", Map.of(), "",
                List.of(XmlNode.leaf("mac-address", m)))));
        return new XmlNode("node", Map.of(), "", children);
    }

    /** The image as plain nodes with their generation, and the lookup as the scan it was. */
    private static final class Model {

        record Node(XmlNode properties, long generation) {
        }

        final TreeMap<ConfigNodeKey, Node> nodes = new TreeMap<>();
        long generation;

        Optional<ConfigNodeKey> scan(Port port) {
            List<ConfigNodeKey> vmis = nodes.keySet().stream().filter(k -> k.type().equals(VMI)).toList();
            for (ConfigNodeKey k : vmis) {
                XmlNode n = nodes.get(k).properties();
                if (PortConfigResolver.uuid(n).filter(port.id()::equals).isPresent()
                        || k.name().endsWith(":" + port.id()) || k.name().equals(port.id().toString())) {
                    return Optional.of(k);
                }
            }
            for (ConfigNodeKey k : vmis) {
                boolean macMatches = nodes.get(k).properties().child("virtual-machine-interface-mac-addresses")
                        .map(m -> m.all("mac-address")).orElse(List.of()).stream()
                        .anyMatch(m -> m.text().equalsIgnoreCase(port.mac().toString()));
                if (macMatches) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }
}
