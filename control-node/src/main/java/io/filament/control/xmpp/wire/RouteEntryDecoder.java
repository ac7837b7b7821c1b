package io.filament.control.xmpp.wire;

import io.filament.contracts.xmpp.NextHop;
import io.filament.contracts.xmpp.RouteEntry;
import io.filament.contracts.xmpp.RoutePrefix;
import io.filament.contracts.xmpp.TunnelEncapsulation;
import io.filament.contracts.xmpp.XmppFamily;
import io.filament.contracts.xmpp.XmppPayloadException;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes an agent's {@code <item><entry>} (inet / inet6) and applies the control node's acceptance rules
 * from TF's {@code BgpXmppChannel::ProcessItem}: exactly one next hop, a literal non-zero next-hop
 * address, a label within 1..2^24-1, numeric version, security groups and preferences. Unknown
 * encapsulations are dropped; if none is usable the item is rejected.
 */
public final class RouteEntryDecoder {

    private RouteEntryDecoder() {
    }

    /** The route key only, as a withdrawal needs it: family and prefix from {@code <nlri>}. */
    public static RoutePrefix decodeKey(XmlElement item, XmppFamily expected) {
        XmlElement nlri = entry(item).child("nlri")
                .orElseThrow(() -> new XmppPayloadException("entry/nlri", "", "missing"));
        XmppFamily family = family(nlri);
        if (family != expected) {
            throw new XmppPayloadException("nlri/af", family.nodePrefix(), "differs from node family " + expected.nodePrefix());
        }
        return prefix(nlri, family);
    }

    /** An agent's published item: exactly one next hop. */
    public static RouteEntry decode(XmlElement item, XmppFamily expected) {
        return decode(item, expected, true);
    }

    /** A control node's advertised item: one next hop per ECMP path. */
    public static RouteEntry decodeAdvertised(XmlElement item, XmppFamily expected) {
        return decode(item, expected, false);
    }

    private static RouteEntry decode(XmlElement item, XmppFamily expected, boolean fromAgent) {
        XmlElement entry = entry(item);
        RoutePrefix prefix = decodeKey(item, expected);
        List<XmlElement> hops = entry.child("next-hops").map(h -> h.children("next-hop")).orElse(List.of());
        if (fromAgent ? hops.size() != 1 : hops.isEmpty()) {
            throw new XmppPayloadException("next-hops/next-hop", String.valueOf(hops.size()),
                    fromAgent ? "an agent item carries exactly one next hop" : "at least one next hop");
        }
        List<NextHop> nextHops = new ArrayList<>(hops.size());
        hops.forEach(h -> nextHops.add(nextHop(h)));
        return new RouteEntry(expected, prefix, nextHops,
                number(entry, "version", 1),
                entry.childText("virtual-network").orElse(""),
                numbers(entry, "security-group-list", "security-group"),
                entry.child("community-tag-list").map(l -> l.children("community-tag").stream()
                        .map(t -> t.text().strip()).toList()).orElse(List.of()),
                number(entry, "local-preference", RouteEntry.DEFAULT_LOCAL_PREFERENCE),
                number(entry, "med", 0),
                number(entry, "sequence-number", 0),
                entry.childText("sub-protocol").orElse(""));
    }

    private static NextHop nextHop(XmlElement hop) {
        String af = hop.childText("af").orElse("1");
        if (!af.equals("1")) {
            throw new XmppPayloadException("next-hop/af", af, "next hops are IPv4 tunnel endpoints");
        }
        String text = hop.childText("address")
                .orElseThrow(() -> new XmppPayloadException("next-hop/address", "", "missing"));
        InetAddress address = RoutePrefix.parseAddress("next-hop/address", text);
        if (address.isAnyLocalAddress() || address.getAddress().length != 4) {
            throw new XmppPayloadException("next-hop/address", text, "must be a unicast IPv4 address");
        }
        long label = number(hop, "label", -1);
        if (label < 1 || label > NextHop.MAX_LABEL) {
            throw new XmppPayloadException("next-hop/label", String.valueOf(label), "must be within 1..2^24-1 in a VRF");
        }
        List<String> names = hop.child("tunnel-encapsulation-list")
                .map(l -> l.children("tunnel-encapsulation").stream().map(XmlElement::text).toList())
                .orElse(List.of());
        List<TunnelEncapsulation> encaps = new ArrayList<>(names.size());
        names.forEach(n -> TunnelEncapsulation.fromWire(n).ifPresent(encaps::add));
        if (!names.isEmpty() && encaps.isEmpty()) {
            throw new XmppPayloadException("next-hop/tunnel-encapsulation-list", String.join(",", names),
                    "no known encapsulation");
        }
        return new NextHop(address.getHostAddress(), label, encaps,
                hop.childText("virtual-network").orElse(""), numbers(hop, "tag-list", "tag"));
    }

    private static XmlElement entry(XmlElement item) {
        return item.child("entry").orElseThrow(() -> new XmppPayloadException("item/entry", "", "missing"));
    }

    private static XmppFamily family(XmlElement nlri) {
        String af = nlri.childText("af").orElseThrow(() -> new XmppPayloadException("nlri/af", "", "missing"));
        String safi = nlri.childText("safi").orElse("1");
        try {
            return XmppFamily.of(Integer.parseInt(af), Integer.parseInt(safi));
        } catch (NumberFormatException e) {
            throw new XmppPayloadException("nlri/af", af + "/" + safi, "not a number");
        }
    }

    private static RoutePrefix prefix(XmlElement nlri, XmppFamily family) {
        String text = nlri.childText("address")
                .orElseThrow(() -> new XmppPayloadException("nlri/address", "", "missing"));
        try {
            RoutePrefix prefix = RoutePrefix.parse(text);
            if (prefix.isIpv4() != (family == XmppFamily.INET)) {
                throw new XmppPayloadException("nlri/address", text, "does not match af " + family.afi());
            }
            return prefix;
        } catch (XmppPayloadException e) {
            throw new XmppPayloadException("nlri/address", text, e.getMessage());
        }
    }

    private static long number(XmlElement parent, String child, long absent) {
        String text = parent.childText(child).orElse("");
        if (text.isEmpty()) {
            return absent;
        }
        try {
            long v = Long.parseLong(text);
            if (v < 0 || v > 0xFFFF_FFFFL) {
                throw new XmppPayloadException(parent.name() + "/" + child, text, "out of the 32-bit range");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new XmppPayloadException(parent.name() + "/" + child, text, "not a number");
        }
    }

    private static List<Long> numbers(XmlElement parent, String list, String element) {
        List<Long> out = new ArrayList<>();
        for (XmlElement e : parent.child(list).map(l -> l.children(element)).orElse(List.of())) {
            try {
                out.add(Long.parseLong(e.text().strip()));
            } catch (NumberFormatException ex) {
                throw new XmppPayloadException(list + "/" + element, e.text().strip(), "not a number");
            }
        }
        return out;
    }
}
