package io.filament.agent.xmpp.peer;

import io.filament.agent.xmpp.wire.PubSubRequest;
import io.filament.contracts.xmpp.SubscribeOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The requests that take a control node from what it was sent to what it is owed, in the order TF needs:
 * config subscriptions; routing-instance subscriptions before any publish into them (a re-numbered instance is
 * unsubscribed and subscribed again); each publish immediately followed by its collection associate; withdrawals
 * (publish + dissociate); unsubscribes last, after the routes in them are withdrawn.
 */
public final class AdvertisementPlan {

    /** One request and whether it goes to the control node's {@code /config} resource. */
    public record Step(PubSubRequest request, boolean config) {
    }

    private AdvertisementPlan() {
    }

    public static List<Step> between(Advertisement sent, Advertisement owed) {
        List<Step> steps = new ArrayList<>();
        owed.configNodes().stream().filter(n -> !sent.configNodes().contains(n))
                .forEach(n -> steps.add(new Step(new PubSubRequest.Subscribe(n, Optional.empty()), true)));
        owed.instances().forEach((name, index) -> {
            Integer before = sent.instances().get(name);
            if (Objects.equals(before, index)) {
                return;
            }
            if (before != null) {
                steps.add(new Step(new PubSubRequest.Unsubscribe(name), false));
            }
            steps.add(new Step(new PubSubRequest.Subscribe(name, Optional.of(new SubscribeOptions(index, false))), false));
        });
        owed.routes().forEach((node, p) -> {
            Advertisement.Published before = sent.routes().get(node);
            boolean resubscribed = !Objects.equals(sent.instances().get(p.instance()), owed.instances().get(p.instance()));
            if (before == null || !before.entry().equals(p.entry()) || resubscribed) {
                steps.add(new Step(new PubSubRequest.Publish(p.node(), p.entry()), false));
                steps.add(new Step(new PubSubRequest.Collection(p.instance(), p.node(), true), false));
            }
        });
        sent.routes().forEach((node, p) -> {
            if (!owed.routes().containsKey(node) && owed.instances().containsKey(p.instance())) {
                steps.add(new Step(new PubSubRequest.Publish(p.node(), p.entry()), false));
                steps.add(new Step(new PubSubRequest.Collection(p.instance(), p.node(), false), false));
            }
        });
        sent.instances().keySet().stream().filter(i -> !owed.instances().containsKey(i)).forEach(i -> {
            sent.routes().values().stream().filter(p -> p.instance().equals(i)).forEach(p -> {
                steps.add(new Step(new PubSubRequest.Publish(p.node(), p.entry()), false));
                steps.add(new Step(new PubSubRequest.Collection(p.instance(), p.node(), false), false));
            });
            steps.add(new Step(new PubSubRequest.Unsubscribe(i), false));
        });
        sent.configNodes().stream().filter(n -> !owed.configNodes().contains(n))
                .forEach(n -> steps.add(new Step(new PubSubRequest.Unsubscribe(n), true)));
        return steps;
    }
}
