package io.filament.control.xmpp.wire;

import io.filament.contracts.xmpp.ItemsNode;
import io.filament.contracts.xmpp.NextHop;
import io.filament.contracts.xmpp.RouteEntry;
import io.filament.contracts.xmpp.RoutePrefix;
import io.filament.contracts.xmpp.TunnelEncapsulation;

import java.util.List;

/**
 * Writes control node → agent route updates, one {@code <items>} per {@code <message>}:
 *
 * <pre>
 * &lt;message from="network-control@…" to="host@…/bgp-peer"&gt;
 *  &lt;event xmlns="http://jabber.org/protocol/pubsub"&gt;&lt;items node="1/1/&lt;vrf&gt;"&gt;
 *   &lt;item id="10.1.1.3/32"&gt;&lt;entry&gt;…&lt;/entry&gt;&lt;/item&gt;   (≤ 32)   or   &lt;retract id="…"/&gt;   (≤ 256)
 *  &lt;/items&gt;&lt;/event&gt;&lt;/message&gt;
 * </pre>
 */
public final class RouteUpdateEncoder {

    public static final int MAX_ITEMS = 32;
    public static final int MAX_RETRACTS = 256;

    private RouteUpdateEncoder() {
    }

    public static void items(StringBuilder out, String from, String to, ItemsNode node, List<RouteEntry> entries) {
        if (entries.isEmpty() || entries.size() > MAX_ITEMS) {
            throw new IllegalArgumentException("a message carries 1.." + MAX_ITEMS + " items, got " + entries.size());
        }
        XmlWriter w = open(out, from, to, node);
        for (RouteEntry e : entries) {
            w.start("item").attr("id", e.itemId());
            entry(w, e);
            w.end();
        }
        close(w);
    }

    public static void retracts(StringBuilder out, String from, String to, ItemsNode node, List<RoutePrefix> prefixes) {
        if (prefixes.isEmpty() || prefixes.size() > MAX_RETRACTS) {
            throw new IllegalArgumentException("a message carries 1.." + MAX_RETRACTS + " retracts, got " + prefixes.size());
        }
        XmlWriter w = open(out, from, to, node);
        for (RoutePrefix p : prefixes) {
            w.start("retract").attr("id", p.toString()).end();
        }
        close(w);
    }

    public static void endOfRib(StringBuilder out, String from, String to) {
        close(open(out, from, to, ItemsNode.END_OF_RIB));
    }

    private static XmlWriter open(StringBuilder out, String from, String to, ItemsNode node) {
        XmlWriter w = new XmlWriter(out);
        w.start("message").attr("from", from).attr("to", to)
                .start("event").attr("xmlns", PubSubRequestDecoder.PUBSUB_NS)
                .start("items").attr("node", node.value());
        w.text("");
        return w;
    }

    private static void close(XmlWriter w) {
        w.end().end().end();
    }

    static void entry(XmlWriter w, RouteEntry e) {
        w.start("entry");
        w.start("nlri").element("af", e.family().afi()).element("safi", e.family().safi())
                .element("address", e.prefix().toString()).end();
        w.start("next-hops");
        for (NextHop nh : e.nextHops()) {
            nextHop(w, e, nh);
        }
        w.end();
        w.element("version", e.version());
        w.element("virtual-network", e.virtualNetwork());
        w.start("mobility").attr("seqno", Long.toString(e.sequenceNumber())).attr("sticky", "false").end();
        if (!e.securityGroups().isEmpty()) {
            w.start("security-group-list");
            e.securityGroups().forEach(sg -> w.element("security-group", sg));
            w.end();
        }
        if (!e.communityTags().isEmpty()) {
            w.start("community-tag-list");
            e.communityTags().forEach(t -> w.element("community-tag", t));
            w.end();
        }
        w.element("local-preference", e.localPreference());
        w.element("med", e.effectiveMed());
        w.element("sequence-number", e.sequenceNumber());
        w.end();
    }

    private static void nextHop(XmlWriter w, RouteEntry e, NextHop nh) {
        w.start("next-hop").element("af", 1).element("address", nh.address()).element("label", nh.label());
        w.start("tunnel-encapsulation-list");
        if (nh.encapsulations().isEmpty()) {
            w.element("tunnel-encapsulation", TunnelEncapsulation.GRE.wireName());
        } else {
            nh.encapsulations().forEach(t -> w.element("tunnel-encapsulation", t.wireName()));
        }
        w.end();
        w.element("virtual-network", nh.virtualNetwork().isEmpty() ? e.virtualNetwork() : nh.virtualNetwork());
        if (!nh.tags().isEmpty()) {
            w.start("tag-list");
            nh.tags().forEach(t -> w.element("tag", t));
            w.end();
        }
        w.end();
    }
}
