package io.filament.contracts.xmpp;

import java.util.Optional;

/**
 * Node name of a published route item: {@code <afi>/<safi>/<vrf>/<prefix>}, for the master instance
 * optionally followed by {@code /<primary-instance-id>}. Older agents (and TF's own test vectors) leave
 * the VRF out ({@code 1/1/10.1.2.1}); the routing instance then comes from the collection node.
 *
 * @param family   from the leading {@code afi/safi}
 * @param instance routing-instance fq-name, empty for the short form
 * @param key      the text after the instance: prefix (possibly without length) and optional suffix
 */
public record RouteItemNode(XmppFamily family, Optional<String> instance, String key) {

    public static RouteItemNode parse(String node) {
        String[] head = node.split("/", 3);
        if (head.length < 3) {
            throw new XmppPayloadException("publish/@node", node, "expected <afi>/<safi>/<vrf>/<prefix>");
        }
        XmppFamily family;
        try {
            family = XmppFamily.of(Integer.parseInt(head[0]), Integer.parseInt(head[1]));
        } catch (NumberFormatException e) {
            throw new XmppPayloadException("publish/@node", node, "afi/safi are not numbers");
        }
        String rest = head[2];
        int slash = rest.indexOf('/');
        // An fq-name never contains '/', while the key always starts with an address: a first segment
        // holding ':' (IPv6 excepted) is the instance.
        if (slash > 0 && !looksLikeAddress(rest.substring(0, slash))) {
            return new RouteItemNode(family, Optional.of(rest.substring(0, slash)), rest.substring(slash + 1));
        }
        return new RouteItemNode(family, Optional.empty(), rest);
    }

    public static RouteItemNode of(XmppFamily family, String instance, RoutePrefix prefix) {
        return new RouteItemNode(family, Optional.of(instance), prefix.toString());
    }

    /** Cheap shape test (digits, dots, hex and colons only); the address itself is validated from the nlri. */
    private static boolean looksLikeAddress(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || c == '.' || c == ':' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!ok) {
                return false;
            }
        }
        return s.indexOf('.') >= 0 || s.indexOf(':') >= 0;
    }

    @Override
    public String toString() {
        return family.nodePrefix() + "/" + instance.map(i -> i + "/").orElse("") + key;
    }
}
