package io.filament.agent.xmpp.wire;

import io.filament.contracts.xmpp.ItemsNode;
import io.filament.contracts.xmpp.RouteEntry;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Smack provider for {@link RouteUpdateEvent}; enforces TF's ≤ 32 items / ≤ 256 retracts per message. */
public final class RouteUpdateEventProvider extends ExtensionElementProvider<RouteUpdateEvent> {

    public static final int MAX_ITEMS = 32;
    public static final int MAX_RETRACTS = 256;

    @Override
    public RouteUpdateEvent parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException {
        return read(XmlNodeReader.read(parser));
    }

    public static RouteUpdateEvent read(XmlNode event) {
        XmlNode items = event.child("items").orElseThrow(() -> new XmppWireException("event/items", "", "missing"));
        String node = items.attribute("node").orElseThrow(() -> new XmppWireException("items/@node", "", "missing"));
        List<XmlNode> reach = items.all("item");
        List<XmlNode> retract = items.all("retract");
        if (reach.size() > MAX_ITEMS || retract.size() > MAX_RETRACTS) {
            throw new XmppWireException("items", reach.size() + "/" + retract.size(),
                    "more than 32 items or 256 retracts in one message");
        }
        boolean unicast = node.startsWith("1/1/") || node.startsWith("2/1/");
        List<RouteEntry> routes = new ArrayList<>();
        if (unicast) {
            for (XmlNode item : reach) {
                XmlNode entry = item.child("entry")
                        .orElseThrow(() -> new XmppWireException("item/entry", item.attribute("id").orElse(""), "missing"));
                routes.add(RouteEntryXml.read(entry));
            }
        }
        List<String> retracts = retract.stream()
                .map(r -> r.attribute("id").orElseThrow(() -> new XmppWireException("retract/@id", "", "missing")))
                .toList();
        return new RouteUpdateEvent(new ItemsNode(node), routes, unicast ? retracts : List.of(),
                unicast ? 0 : reach.size() + retract.size());
    }
}
