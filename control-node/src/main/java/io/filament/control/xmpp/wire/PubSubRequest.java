package io.filament.control.xmpp.wire;

import io.filament.contracts.xmpp.SubscribeOptions;

import java.util.Optional;

/**
 * The TF pub/sub requests an agent sends inside {@code <iq type="set"><pubsub xmlns=…pubsub>}.
 * Route payloads stay undecoded here: a publish is only meaningful together with the collection that
 * follows it ({@code associate} needs the whole entry, {@code dissociate} only its key).
 */
public sealed interface PubSubRequest {

    String node();

    record Subscribe(String node, Optional<SubscribeOptions> options) implements PubSubRequest {
    }

    record Unsubscribe(String node) implements PubSubRequest {
    }

    /** {@code <publish node>} with its {@code <item>}, absent for TF's End-of-RIB form. */
    record Publish(String node, Optional<XmlElement> item) implements PubSubRequest {
    }

    /** {@code <collection node=vrf><associate|dissociate node=item/></collection>}. */
    record Collection(String node, boolean associate, String itemNode) implements PubSubRequest {
    }
}
