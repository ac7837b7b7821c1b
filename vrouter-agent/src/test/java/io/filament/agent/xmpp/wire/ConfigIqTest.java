package io.filament.agent.xmpp.wire;

import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigIqTest {

    @BeforeAll
    static void providers() {
        AgentProviders.register();
    }

    static List<ConfigItem> parseAll(String file) throws Exception {
        List<ConfigItem> items = new ArrayList<>();
        for (String iq : TfVectors.iqs("ifmap", file)) {
            Stanza stanza = PacketParserUtils.parseStanza(iq);
            assertThat(stanza).isInstanceOf(ConfigIq.class);
            items.addAll(((ConfigIq) stanza).items());
        }
        return items;
    }

    @Test
    void readsEveryConfigIqTfsControlNodeSendsForThreeVms() throws Exception {
        List<ConfigItem> items = parseAll("cli1_vn1_vm3_add.master_output");

        assertThat(items).filteredOn(ConfigItem.NodeUpdate.class::isInstance).hasSize(14);
        assertThat(items).filteredOn(ConfigItem.LinkUpdate.class::isInstance).hasSize(18);
        assertThat(items).contains(new ConfigItem.LinkUpdate(new ConfigItem.Link("virtual-router-virtual-machine",
                new ConfigNodeKey("virtual-router", "default-global-system-config:a1s27.contrail.juniper.net"),
                new ConfigNodeKey("virtual-machine", "2d308482-c7b3-4e05-af14-e732b7b50117"))));
    }

    @Test
    void keepsPropertiesAndLinkAttributeMidnodes() throws Exception {
        List<ConfigItem> items = parseAll("cli1_vn1_vm3_add.master_output");

        XmlNode vmi = items.stream().filter(ConfigItem.NodeUpdate.class::isInstance).map(ConfigItem.NodeUpdate.class::cast)
                .filter(u -> u.key().name().endsWith(":ef1e9828-05b6-44a2-a410-d1b662594fc3")).findFirst().orElseThrow()
                .properties();
        assertThat(vmi.path("virtual-machine-interface-mac-addresses", "mac-address").map(XmlNode::text))
                .contains("02:ef:1e:98:28:05");
        XmlNode midnode = items.stream().filter(ConfigItem.NodeUpdate.class::isInstance).map(ConfigItem.NodeUpdate.class::cast)
                .filter(u -> u.key().type().equals("virtual-network-network-ipam")).findFirst().orElseThrow().properties();
        assertThat(midnode.path("value", "ipam-subnets", "default-gateway").map(XmlNode::text)).contains("27.1.1.254");
    }

    @Test
    void writesWhatItReads() throws Exception {
        for (String iq : TfVectors.iqs("ifmap", "cli1_vn1_vm3_add.master_output")) {
            ConfigIq parsed = PacketParserUtils.parseStanza(iq);
            ConfigIq again = PacketParserUtils.parseStanza(parsed.toXML().toString());

            assertThat(again.items()).isEqualTo(parsed.items());
        }
    }

    @Test
    void readsDeletes() throws Exception {
        ConfigIq iq = PacketParserUtils.parseStanza("""
                <iq xmlns="jabber:client" type="set" from="network-control@contrailsystems.com" to="default-global-system-config:h1/config">
                 <config><delete><node type="instance-ip"><name>52abcdf0</name></node>
                  <link><node type="virtual-router"><name>default-global-system-config:h1</name></node>
                   <node type="virtual-machine"><name>vm1</name></node><metadata type="virtual-router-virtual-machine"/></link>
                 </delete></config></iq>""");

        assertThat(iq.items()).containsExactly(new ConfigItem.NodeDelete(new ConfigNodeKey("instance-ip", "52abcdf0")),
                new ConfigItem.LinkDelete(new ConfigItem.Link("virtual-router-virtual-machine",
                        new ConfigNodeKey("virtual-machine", "vm1"),
                        new ConfigNodeKey("virtual-router", "default-global-system-config:h1"))));
    }

    @Test
    void refusesALinkWithOneEnd() {
        assertThatThrownBy(() -> PacketParserUtils.parseStanza("""
                <iq xmlns="jabber:client" type="set"><config><update><link><node type="a"><name>x</name></node>
                <metadata type="a-b"/></link></update></config></iq>"""))
                .isInstanceOf(XmppWireException.class).hasMessageContaining("link/node '1 nodes'");
    }

    @Test
    void refusesANodeWithoutName() {
        assertThatThrownBy(() -> PacketParserUtils.parseStanza(
                "<iq xmlns=\"jabber:client\" type=\"set\"><config><update><node type=\"virtual-network\"/></update></config></iq>"))
                .isInstanceOf(XmppWireException.class).hasMessageContaining("node/name");
    }
}
