package io.filament.control.xmpp.wire;

import io.filament.contracts.xmpp.SubscribeOptions;
import io.filament.contracts.xmpp.XmppPayloadException;

import java.util.Optional;

/**
 * Decodes the {@code <pubsub>} child of an agent's iq into a {@link PubSubRequest}. Like TF, {@code <options>}
 * is looked for anywhere under {@code <pubsub>} (inside {@code <subscribe>} or beside it).
 */
public final class PubSubRequestDecoder {

    public static final String PUBSUB_NS = "http://jabber.org/protocol/pubsub";

    private PubSubRequestDecoder() {
    }

    public static PubSubRequest decode(XmlElement iq) throws PubSubDecodeException {
        XmlElement pubsub = iq.child("pubsub")
                .orElseThrow(() -> new PubSubDecodeException("iq/pubsub", "", "missing"));
        if (!PUBSUB_NS.equals(pubsub.namespace())) {
            throw new PubSubDecodeException("pubsub/@xmlns", pubsub.namespace(), "expected " + PUBSUB_NS);
        }
        for (XmlElement op : pubsub.children()) {
            switch (op.name()) {
                case "subscribe" -> {
                    return new PubSubRequest.Subscribe(node(op), options(pubsub));
                }
                case "unsubscribe" -> {
                    return new PubSubRequest.Unsubscribe(node(op));
                }
                case "publish" -> {
                    return new PubSubRequest.Publish(node(op), op.child("item"));
                }
                case "collection" -> {
                    return collection(op);
                }
                default -> {
                    // other children (options, legacy items) are read by the operation they belong to
                }
            }
        }
        throw new PubSubDecodeException("pubsub", "", "no subscribe, unsubscribe, publish or collection");
    }

    private static PubSubRequest collection(XmlElement op) throws PubSubDecodeException {
        String vrf = node(op);
        Optional<XmlElement> assoc = op.child("associate");
        Optional<XmlElement> dissoc = op.child("dissociate");
        if (assoc.isPresent() == dissoc.isPresent()) {
            throw new PubSubDecodeException("collection", vrf, "needs exactly one of associate or dissociate");
        }
        XmlElement target = assoc.orElseGet(dissoc::orElseThrow);
        return new PubSubRequest.Collection(vrf, assoc.isPresent(), node(target));
    }

    private static Optional<SubscribeOptions> options(XmlElement pubsub) throws PubSubDecodeException {
        Optional<XmlElement> options = pubsub.find("options");
        if (options.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> id = options.get().childText("instance-id");
        if (id.isEmpty()) {
            throw new PubSubDecodeException("options/instance-id", "", "missing");
        }
        try {
            return Optional.of(new SubscribeOptions(Integer.parseInt(id.get()),
                    options.get().child("no-ribout").isPresent()));
        } catch (NumberFormatException e) {
            throw new PubSubDecodeException("options/instance-id", id.get(), "not a number");
        } catch (XmppPayloadException e) {
            throw new PubSubDecodeException(e.field(), e.value(), e.getMessage());
        }
    }

    private static String node(XmlElement op) throws PubSubDecodeException {
        String node = op.attribute("node").map(String::strip).orElse("");
        if (node.isEmpty()) {
            throw new PubSubDecodeException(op.name() + "/@node", "", "missing");
        }
        return node;
    }
}
