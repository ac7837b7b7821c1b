package io.filament.agent.ifmap;

import io.filament.agent.xmpp.wire.ConfigItem;
import io.filament.agent.xmpp.wire.ConfigNodeKey;
import io.filament.agent.xmpp.wire.XmlNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigImageTest {

    private static final ConfigNodeKey VMI = new ConfigNodeKey("virtual-machine-interface", "d:p:vmi1");
    private static final ConfigNodeKey VN = new ConfigNodeKey("virtual-network", "d:p:red");
    private static final ConfigNodeKey IPAM = new ConfigNodeKey("network-ipam", "d:p:ipam");
    private static final ConfigNodeKey MID = new ConfigNodeKey("virtual-network-network-ipam", "attr(d:p:ipam,d:p:red)");

    private static ConfigItem node(ConfigNodeKey k, String text) {
        return new ConfigItem.NodeUpdate(k, new XmlNode("node", Map.of("type", k.type()), "",
                List.of(XmlNode.leaf("name", k.name()), XmlNode.leaf("display-name", text))));
    }

    private static ConfigItem link(String metadata, ConfigNodeKey a, ConfigNodeKey b) {
        return new ConfigItem.LinkUpdate(new ConfigItem.Link(metadata, a, b));
    }

    @Test
    void findsNeighboursDirectlyAndThroughAttributeMidnodes() {
        ConfigImage image = new ConfigImage();
        List.of(node(VMI, "v"), node(VN, "red"), node(IPAM, "ipam"),
                new ConfigItem.NodeUpdate(MID, new XmlNode("node", Map.of(), "", List.of(
                        new XmlNode("value", Map.of(), "", List.of(XmlNode.leaf("marker", "x")))))),
                link("virtual-machine-interface-virtual-network", VMI, VN),
                link("virtual-network-network-ipam", VN, MID),
                link("virtual-network-network-ipam", MID, IPAM)).forEach(image::apply);

        assertThat(image.neighbours(VMI, "virtual-machine-interface-virtual-network", "virtual-network"))
                .extracting(ConfigImage.Linked::key).containsExactly(VN);
        List<ConfigImage.Linked> ipams = image.neighbours(VN, "virtual-network-network-ipam", "network-ipam");
        assertThat(ipams).extracting(ConfigImage.Linked::key).containsExactly(IPAM);
        assertThat(ipams.getFirst().attribute().flatMap(a -> a.text("marker"))).contains("x");
    }

    @Test
    void aRecordedReadStaysValidUntilWhatItReadChanges() {
        ConfigImage image = new ConfigImage();
        List.of(node(VMI, "v"), node(VN, "red"), link("virtual-machine-interface-virtual-network", VMI, VN))
                .forEach(image::apply);
        ConfigImage.Recorded<Integer> networks = image.record(() ->
                image.neighbours(VMI, "virtual-machine-interface-virtual-network", "virtual-network").size());

        image.apply(node(IPAM, "ipam"));
        image.apply(node(VN, "renamed"));
        assertThat(image.unchangedSince(networks)).as("neither the VMI nor its links changed").isTrue();

        image.apply(link("virtual-machine-interface-virtual-network", VMI, IPAM));
        assertThat(image.unchangedSince(networks)).as("a link of the VMI came").isFalse();
    }

    @Test
    void recordingsFromBeforeTheChangeLogWasEmptiedCountAsChanged() {
        ConfigImage image = new ConfigImage();
        image.apply(node(VN, "red"));
        ConfigImage.Recorded<Boolean> red = image.record(() -> image.node(VN).isPresent());
        for (int i = 0; i < 3_000; i++) {
            image.apply(node(new ConfigNodeKey("virtual-machine", "d:p:vm" + i), "vm"));
        }
        assertThat(image.unchangedSince(red)).as("only other nodes came").isTrue();

        for (int i = 0; i < 3_000; i++) {
            image.apply(new ConfigItem.NodeDelete(new ConfigNodeKey("virtual-machine", "d:p:vm" + i)));
        }
        assertThat(image.unchangedSince(red)).as("what the removed nodes left behind was forgotten").isFalse();
        ConfigImage.Recorded<Boolean> again = image.record(() -> image.node(VN).isPresent());
        image.apply(node(IPAM, "ipam"));
        assertThat(image.unchangedSince(again)).isTrue();
    }

    @Test
    void aRefreshWithEqualContentIsNoChange() {
        ConfigImage image = new ConfigImage();
        image.apply(node(VN, "red"));
        long changes = image.changeCount();

        assertThat(image.apply(node(VN, "red"))).isFalse();
        assertThat(image.apply(node(VN, "blue"))).isTrue();
        assertThat(image.changeCount()).isEqualTo(changes + 1);
    }

    @Test
    void sweepsOnlyWhatTheNewPeerDidNotResend() {
        ConfigImage image = new ConfigImage();
        image.apply(node(VMI, "v"));
        image.apply(node(VN, "red"));
        image.apply(link("virtual-machine-interface-virtual-network", VMI, VN));

        image.beginResync();
        image.apply(node(VMI, "v"));
        image.apply(link("virtual-machine-interface-virtual-network", VMI, VN));
        int removed = image.sweepStale();

        assertThat(removed).isEqualTo(1);
        assertThat(image.node(VN)).isEmpty();
        assertThat(image.node(VMI)).isPresent();
        assertThat(image.linkCount()).isEqualTo(1);
    }

    @Test
    void deletesUnlinkBothEnds() {
        ConfigImage image = new ConfigImage();
        ConfigItem.Link l = new ConfigItem.Link("virtual-machine-interface-virtual-network", VMI, VN);
        image.apply(new ConfigItem.LinkUpdate(l));

        assertThat(image.apply(new ConfigItem.LinkDelete(l))).isTrue();
        assertThat(image.neighbours(VN, l.metadata(), VMI.type())).isEmpty();
        assertThat(image.apply(new ConfigItem.LinkDelete(l))).isFalse();
    }
}
