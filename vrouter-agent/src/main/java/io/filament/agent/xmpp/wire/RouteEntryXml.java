package io.filament.agent.xmpp.wire;

import io.filament.contracts.xmpp.NextHop;
import io.filament.contracts.xmpp.RouteEntry;
import io.filament.contracts.xmpp.RoutePrefix;
import io.filament.contracts.xmpp.TunnelEncapsulation;
import io.filament.contracts.xmpp.XmppFamily;
import io.filament.contracts.xmpp.XmppPayloadException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes TF's inet/inet6 {@code <entry>} ({@code xmpp_unicast.xsd}). Elements come in any order
 * ({@code xsd:all}); unknown encapsulations are dropped, as the control node does.
 */
public final class RouteEntryXml {

    private RouteEntryXml() {
    }

    public static RouteEntry read(XmlNode entry) {
        XmlNode nlri = entry.child("nlri").orElseThrow(() -> new XmppWireException("entry/nlri", "", "missing"));
        XmppFamily family;
        try {
            family = XmppFamily.of(number(nlri, "af"), number(nlri, "safi"));
        } catch (XmppPayloadException e) {
            throw new XmppWireException("entry/nlri/af", e.value(), e.getMessage());
        }
        RoutePrefix prefix = prefix(nlri.text("address").orElse(""));
        List<NextHop> nextHops = new ArrayList<>();
        for (XmlNode nh : entry.child("next-hops").map(n -> n.all("next-hop")).orElse(List.of())) {
            nextHops.add(nextHop(nh));
        }
        List<Long> sgs = entry.child("security-group-list").map(l -> l.all("security-group")).orElse(List.of())
                .stream().map(s -> parseLong("security-group", s.text())).toList();
        List<String> communities = entry.child("community-tag-list").map(l -> l.all("community-tag"))
                .orElse(List.of()).stream().map(XmlNode::text).toList();
        return new RouteEntry(family, prefix, nextHops, optionalLong(entry, "version").orElse(1L),
                entry.text("virtual-network").orElse(""), sgs, communities,
                optionalLong(entry, "local-preference").orElse(RouteEntry.DEFAULT_LOCAL_PREFERENCE),
                optionalLong(entry, "med").orElse(0L), optionalLong(entry, "sequence-number").orElse(0L),
                entry.text("sub-protocol").orElse(""));
    }

    private static NextHop nextHop(XmlNode nh) {
        String address = nh.text("address").orElseThrow(() -> new XmppWireException("next-hop/address", "", "missing"));
        try {
            RoutePrefix.parseAddress("next-hop/address", address);
        } catch (XmppPayloadException e) {
            throw new XmppWireException("next-hop/address", address, "not an IP address");
        }
        List<TunnelEncapsulation> encaps = nh.child("tunnel-encapsulation-list")
                .map(l -> l.all("tunnel-encapsulation")).orElse(List.of()).stream()
                .flatMap(e -> TunnelEncapsulation.fromWire(e.text()).stream()).toList();
        List<Long> tags = nh.child("tag-list").map(l -> l.all("tag")).orElse(List.of()).stream()
                .map(t -> parseLong("tag", t.text())).toList();
        long label = optionalLong(nh, "label").orElse(0L);
        try {
            return new NextHop(address.strip(), label, encaps, nh.text("virtual-network").orElse(""), tags);
        } catch (XmppPayloadException e) {
            throw new XmppWireException("next-hop/" + e.field(), e.value(), e.getMessage());
        }
    }

    public static void write(StringBuilder out, RouteEntry e) {
        out.append("<entry><nlri><af>").append(e.family().afi()).append("</af><safi>").append(e.family().safi())
                .append("</safi><address>").append(e.prefix()).append("</address></nlri><next-hops>");
        for (NextHop nh : e.nextHops()) {
            out.append("<next-hop><af>").append(nh.address().contains(":") ? 2 : 1).append("</af><address>")
                    .append(Xml.escape(nh.address())).append("</address><label>").append(nh.label()).append("</label>");
            out.append("<tunnel-encapsulation-list>");
            nh.encapsulations().forEach(t -> out.append("<tunnel-encapsulation>").append(t.wireName())
                    .append("</tunnel-encapsulation>"));
            out.append("</tunnel-encapsulation-list>");
            if (!nh.virtualNetwork().isEmpty()) {
                out.append("<virtual-network>").append(Xml.escape(nh.virtualNetwork())).append("</virtual-network>");
            }
            if (!nh.tags().isEmpty()) {
                out.append("<tag-list>");
                nh.tags().forEach(t -> out.append("<tag>").append(t).append("</tag>"));
                out.append("</tag-list>");
            }
            out.append("</next-hop>");
        }
        out.append("</next-hops><version>").append(e.version()).append("</version>");
        if (!e.virtualNetwork().isEmpty()) {
            out.append("<virtual-network>").append(Xml.escape(e.virtualNetwork())).append("</virtual-network>");
        }
        out.append("<med>").append(e.med()).append("</med><local-preference>").append(e.localPreference())
                .append("</local-preference><sequence-number>").append(e.sequenceNumber()).append("</sequence-number>");
        if (!e.securityGroups().isEmpty()) {
            out.append("<security-group-list>");
            e.securityGroups().forEach(s -> out.append("<security-group>").append(s).append("</security-group>"));
            out.append("</security-group-list>");
        }
        if (!e.subProtocol().isEmpty()) {
            out.append("<sub-protocol>").append(Xml.escape(e.subProtocol())).append("</sub-protocol>");
        }
        out.append("</entry>");
    }

    static RoutePrefix prefix(String text) {
        try {
            return RoutePrefix.parse(text.strip());
        } catch (XmppPayloadException e) {
            throw new XmppWireException("nlri/address", text, e.getMessage());
        }
    }

    private static int number(XmlNode parent, String name) {
        return (int) parseLong(name, parent.text(name).orElseThrow(() -> new XmppWireException(name, "", "missing")));
    }

    private static Optional<Long> optionalLong(XmlNode parent, String name) {
        return parent.text(name).filter(s -> !s.isEmpty()).map(s -> parseLong(name, s));
    }

    private static long parseLong(String name, String text) {
        try {
            long v = Long.parseLong(text.strip());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new XmppWireException(name, text, "not an unsigned number");
        }
    }
}
