package io.filament.agent.xmpp.wire;

import io.filament.contracts.xmpp.ItemsNode;
import io.filament.contracts.xmpp.RouteEntry;
import io.filament.contracts.xmpp.RouteItemNode;
import io.filament.contracts.xmpp.SubscribeOptions;

import java.util.Optional;

/**
 * What an agent asks of a control node inside {@code <pubsub xmlns="http://jabber.org/protocol/pubsub">}:
 * subscribe/unsubscribe a config node or a routing instance, publish a route item, and the collection
 * associate/dissociate that must follow each publish on the same stream.
 */
public sealed interface PubSubRequest {

    void write(StringBuilder out);

    /** {@code <subscribe node="…">}, with {@code <options><instance-id>} for a routing instance. */
    record Subscribe(String node, Optional<SubscribeOptions> options) implements PubSubRequest {
        public void write(StringBuilder out) {
            out.append("<subscribe node=\"").append(Xml.escape(node)).append('"');
            if (options.isEmpty()) {
                out.append("/>");
                return;
            }
            out.append("><options><instance-id>").append(options.get().instanceId()).append("</instance-id>");
            if (options.get().noRibout()) {
                out.append("<no-ribout/>");
            }
            out.append("</options></subscribe>");
        }
    }

    record Unsubscribe(String node) implements PubSubRequest {
        public void write(StringBuilder out) {
            out.append("<unsubscribe node=\"").append(Xml.escape(node)).append("\"/>");
        }
    }

    /** {@code <publish node="1/1/<vrf>/<prefix>"><item><entry>…}. */
    record Publish(RouteItemNode node, RouteEntry entry) implements PubSubRequest {
        public void write(StringBuilder out) {
            out.append("<publish node=\"").append(Xml.escape(node.toString())).append("\"><item>");
            RouteEntryXml.write(out, entry);
            out.append("</item></publish>");
        }
    }

    /**
     * {@code <publish node="0/0/EndOfRib"/>}: everything this agent has to announce has been published (sent once
     * per session, when the agent's tables are complete), so a control node that kept the agent's paths over a
     * restart can drop those not re-published.
     */
    record EndOfRib() implements PubSubRequest {
        public void write(StringBuilder out) {
            out.append("<publish node=\"").append(ItemsNode.END_OF_RIB).append("\"/>");
        }
    }

    /** {@code <collection node="<vrf>"><associate|dissociate node="<item node>"/>}. */
    record Collection(String instance, RouteItemNode item, boolean associate) implements PubSubRequest {
        public void write(StringBuilder out) {
            out.append("<collection node=\"").append(Xml.escape(instance)).append("\"><")
                    .append(associate ? "associate" : "dissociate").append(" node=\"")
                    .append(Xml.escape(item.toString())).append("\"/></collection>");
        }
    }
}
