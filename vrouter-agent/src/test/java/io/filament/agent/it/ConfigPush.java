package io.filament.agent.it;

import io.filament.agent.ifmap.ConfigImage;
import io.filament.agent.xmpp.wire.AgentProviders;
import io.filament.agent.xmpp.wire.ConfigIq;
import org.jivesoftware.smack.util.PacketParserUtils;

import java.util.UUID;

/**
 * The config iq a control node pushes for one VM port (network with an IPAM subnet, VMI with its uuid and MAC,
 * instance-ip), in TF's IF-MAP-over-XMPP form, applied to a config image through the agent's Smack provider.
 */
final class ConfigPush {

    private ConfigPush() {
    }

    static void port(ConfigImage image, String network, String subnet, int prefixLength, String gateway, String dns,
                     UUID vmi, String mac, String address) throws Exception {
        AgentProviders.register();
        String vn = "default-domain:it:" + network;
        String ipam = "default-domain:default-project:default-network-ipam";
        String vmiName = "default-domain:it:" + vmi;
        String iip = "iip-" + vmi;
        String xml = "<iq xmlns='jabber:client' type='set' from='network-control@contrailsystems.com'"
                + " to='default-global-system-config:it/config'><config><update>"
                + "<node type='virtual-network'><name>" + vn + "</name></node>"
                + "<node type='network-ipam'><name>" + ipam + "</name></node>"
                + "<node type='virtual-network-network-ipam'><name>attr(" + ipam + "," + vn + ")</name><value>"
                + "<ipam-subnets><subnet><ip-prefix>" + subnet + "</ip-prefix><ip-prefix-len>" + prefixLength
                + "</ip-prefix-len></subnet><default-gateway>" + gateway + "</default-gateway><dns-server-address>" + dns
                + "</dns-server-address></ipam-subnets></value></node>"
                + "<node type='virtual-machine-interface'><name>" + vmiName + "</name><id-perms><uuid><uuid-mslong>"
                + Long.toUnsignedString(vmi.getMostSignificantBits()) + "</uuid-mslong><uuid-lslong>"
                + Long.toUnsignedString(vmi.getLeastSignificantBits()) + "</uuid-lslong></uuid></id-perms>"
                + "<virtual-machine-interface-mac-addresses><mac-address>" + mac
                + "</mac-address></virtual-machine-interface-mac-addresses></node>"
                + "<node type='instance-ip'><name>" + iip + "</name><instance-ip-address>" + address
                + "</instance-ip-address></node>"
                + link("virtual-machine-interface", vmiName, "virtual-network", vn, "virtual-machine-interface-virtual-network")
                + link("instance-ip", iip, "virtual-machine-interface", vmiName, "instance-ip-virtual-machine-interface")
                + link("virtual-network", vn, "virtual-network-network-ipam", "attr(" + ipam + "," + vn + ")",
                "virtual-network-network-ipam")
                + link("virtual-network-network-ipam", "attr(" + ipam + "," + vn + ")", "network-ipam", ipam,
                "virtual-network-network-ipam")
                + "</update></config></iq>";
        ConfigIq iq = PacketParserUtils.parseStanza(xml);
        iq.items().forEach(image::apply);
    }

    private static String link(String typeA, String nameA, String typeB, String nameB, String metadata) {
        return "<link><node type='" + typeA + "'><name>" + nameA + "</name></node><node type='" + typeB + "'><name>"
                + nameB + "</name></node><metadata type='" + metadata + "'/></link>";
    }
}
