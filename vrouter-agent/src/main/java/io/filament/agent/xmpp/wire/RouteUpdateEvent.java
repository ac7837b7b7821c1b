package io.filament.agent.xmpp.wire;

import io.filament.contracts.xmpp.ItemsNode;
import io.filament.contracts.xmpp.RouteEntry;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;

import java.util.List;

/**
 * A control node's route update, carried in a {@code <message>}:
 * {@code <event xmlns="http://jabber.org/protocol/pubsub"><items node="1/1/<vrf>">} with either reach items or
 * retracts, never both; {@code node="0/0/EndOfRib"} marks the end of the initial table. Families other than
 * inet and inet6 are kept by node only ({@code unsupported} counts their items).
 *
 * @param node        the items node
 * @param routes      reach items (inet/inet6 entries)
 * @param retracts    ids (prefixes) of withdrawn items
 * @param unsupported items of a family this agent does not install
 */
public record RouteUpdateEvent(ItemsNode node, List<RouteEntry> routes, List<String> retracts, int unsupported)
        implements ExtensionElement {

    public static final String ELEMENT = "event";
    /** TF puts the event in the pubsub namespace itself, not in {@code pubsub#event}. */
    public static final String NAMESPACE = "http://jabber.org/protocol/pubsub";

    public RouteUpdateEvent {
        routes = List.copyOf(routes);
        retracts = List.copyOf(retracts);
    }

    public boolean isEndOfRib() {
        return node.isEndOfRib();
    }

    /** The routing instance of the items node ({@code 1/1/<vrf>}). */
    public String instance() {
        String v = node.value();
        int second = v.indexOf('/', v.indexOf('/') + 1);
        return second < 0 ? "" : v.substring(second + 1);
    }

    @Override
    public String getElementName() {
        return ELEMENT;
    }

    @Override
    public String getNamespace() {
        return NAMESPACE;
    }

    @Override
    public CharSequence toXML(XmlEnvironment enclosingNamespace) {
        StringBuilder out = new StringBuilder();
        out.append("<event xmlns=\"").append(NAMESPACE).append("\"><items node=\"").append(Xml.escape(node.value()))
                .append("\">");
        for (RouteEntry r : routes) {
            out.append("<item id=\"").append(r.itemId()).append("\">");
            RouteEntryXml.write(out, r);
            out.append("</item>");
        }
        retracts.forEach(id -> out.append("<retract id=\"").append(Xml.escape(id)).append("\"/>"));
        return out.append("</items></event>");
    }
}
