package io.filament.control.xmpp.peer;

import io.filament.contracts.xmpp.ConfigNodeName;
import io.filament.contracts.xmpp.RouteEntry;
import io.filament.contracts.xmpp.RouteItemNode;
import io.filament.contracts.xmpp.RoutePrefix;
import io.filament.contracts.xmpp.XmppAddresses;
import io.filament.contracts.xmpp.XmppPayloadException;
import io.filament.control.config.ConfigService;
import io.filament.control.rib.Path;
import io.filament.control.rib.PathKey;
import io.filament.control.rib.RibService;
import io.filament.control.rib.RoutingInstanceSpec;
import io.filament.control.rib.Subscription;
import io.filament.control.status.ControlNodeCounters;
import io.filament.control.xmpp.session.EstablishedSession;
import io.filament.control.xmpp.session.StanzaHandler;
import io.filament.control.xmpp.session.StateChangeReason;
import io.filament.control.xmpp.wire.PubSubDecodeException;
import io.filament.control.xmpp.wire.PubSubRequest;
import io.filament.control.xmpp.wire.PubSubRequestDecoder;
import io.filament.control.xmpp.wire.RouteEntryDecoder;
import io.filament.control.xmpp.wire.StreamElements;
import io.filament.control.xmpp.wire.StreamErrorCondition;
import io.filament.control.xmpp.wire.XmlElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent side of the control node: turns an established session's pub/sub iqs into RIB and config-push
 * requests (TF's {@code BgpXmppChannel} and {@code IFMapXmppChannel}). A publish is held until the collection
 * that follows names the same item; a bad item is answered with an iq error and changes nothing.
 */
public final class AgentPeer implements StanzaHandler {

    private static final Logger log = LoggerFactory.getLogger(AgentPeer.class);

    private final XmppAddresses addresses;
    private final RibService rib;
    private final ConfigService config;
    private final PeerRegistry registry;
    private final PeerLimits limits;
    private final Clock clock;
    private final ControlNodeCounters counters;
    private final Map<String, Integer> subscriptions = new ConcurrentHashMap<>();
    private final AtomicLong routesReceived = new AtomicLong();
    private final AtomicLong routesWithdrawn = new AtomicLong();
    private final AtomicLong itemsRejected = new AtomicLong();
    private final AtomicLong paths = new AtomicLong();
    private EstablishedSession session;
    private AgentRibOut ribOut;
    private AgentConfigOut configOut;
    private Optional<PubSubRequest.Publish> heldPublish = Optional.empty();
    private Instant since;
    private volatile boolean endOfRibReceived;

    public AgentPeer(XmppAddresses addresses, RibService rib, ConfigService config, PeerRegistry registry,
                     PeerLimits limits, ControlNodeCounters counters, Clock clock) {
        this.counters = counters;
        this.addresses = addresses;
        this.rib = rib;
        this.config = config;
        this.registry = registry;
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public void established(EstablishedSession s) {
        session = s;
        since = Instant.now(clock);
        ribOut = new AgentRibOut(s, addresses.controlNode(), counters);
        configOut = new AgentConfigOut(s, addresses.controlNode(), s.hostname(), counters);
        counters.sessionsEstablished.incrementAndGet();
        registry.up(this).ifPresent(old -> {
            // the old session's paths turn stale before this one's requests reach the RIB thread
            rib.peerLost(s.hostname());
            config.agentDown(s.hostname());
            old.session.execute(() -> old.session.fail(StreamErrorCondition.CONFLICT_REPLACED, "replaced by a new session"));
        });
        rib.peerReturned(s.hostname());
        log.info("agent {} established from {}", s.hostname(), s.remoteAddress());
    }

    @Override
    public void stanza(XmlElement stanza) {
        String type = stanza.attribute("type").orElse("");
        if (!stanza.name().equals("iq") || type.equals("result") || type.equals("error")) {
            return; // TF's agent End-of-RIB <message> and acknowledgements carry nothing to act on
        }
        if (stanza.child("pubsub").isEmpty()) {
            String id = stanza.attribute("id").orElse("");
            session.write(StreamElements.iqError(id, stanza.attribute("to").orElse(addresses.controlNode()),
                    session.jid(), "cancel", "feature-not-implemented", "only TF pub/sub is served"));
            return;
        }
        PubSubRequest request;
        try {
            request = PubSubRequestDecoder.decode(stanza);
        } catch (PubSubDecodeException e) {
            reply(stanza, Optional.of(e.getMessage()));
            return;
        }
        boolean configResource = stanza.attribute("to").orElse("").endsWith("/" + XmppAddresses.CONFIG_RESOURCE);
        if (configResource) {
            config(stanza, request);
        } else {
            routes(stanza, request);
        }
    }

    @Override
    public void closed(StateChangeReason reason) {
        if (registry.down(this, reason.name())) {
            if (keepsPathsThroughRestart(reason)) {
                rib.peerLost(hostname());
            } else {
                rib.peerDown(hostname());
            }
            config.agentDown(hostname());
        }
        subscriptions.clear();
    }

    /**
     * A session that merely went away (the agent restarting, the connection or the hold timer lost) keeps its
     * paths for graceful restart; one this node ended for breaking the rules, or its own shutdown, does not.
     */
    private static boolean keepsPathsThroughRestart(StateChangeReason reason) {
        return switch (reason) {
            case STREAM_CLOSED_BY_PEER, CONNECTION_LOST, HOLD_TIMER_EXPIRED -> true;
            default -> false;
        };
    }

    private void routes(XmlElement iq, PubSubRequest request) {
        switch (request) {
            case PubSubRequest.Subscribe s -> subscribe(iq, s);
            case PubSubRequest.Unsubscribe u -> {
                if (subscriptions.remove(u.node()) == null) {
                    reply(iq, Optional.of("not subscribed to " + u.node()));
                    return;
                }
                answer(iq, rib.unsubscribe(hostname(), u.node()));
            }
            case PubSubRequest.Publish p -> {
                if (p.node().equals("0/0/EndOfRib") || p.item().isEmpty()) {
                    endOfRibReceived = true;
                    rib.endOfRib(hostname());
                } else {
                    heldPublish = Optional.of(p);
                }
                reply(iq, Optional.empty());
            }
            case PubSubRequest.Collection c -> collection(iq, c);
        }
    }

    private void subscribe(XmlElement iq, PubSubRequest.Subscribe s) {
        if (s.options().isEmpty()) {
            reply(iq, Optional.of("subscribe to " + s.node() + " needs options/instance-id"));
            return;
        }
        if (subscriptions.size() >= limits.maxSubscriptions() && !subscriptions.containsKey(s.node())) {
            session.fail(StreamErrorCondition.POLICY_VIOLATION, "more than " + limits.maxSubscriptions() + " subscriptions");
            return;
        }
        int instanceId = s.options().get().instanceId();
        subscriptions.put(s.node(), instanceId);
        CompletableFuture<Void> done = rib.subscribe(
                new Subscription(hostname(), s.node(), instanceId, s.options().get().noRibout()), ribOut);
        done.whenComplete((v, e) -> {
            if (e != null) {
                subscriptions.remove(s.node(), instanceId);
            }
        });
        answer(iq, done);
    }

    private void collection(XmlElement iq, PubSubRequest.Collection c) {
        Optional<PubSubRequest.Publish> held = heldPublish;
        heldPublish = Optional.empty();
        if (held.isEmpty() || !held.get().node().equals(c.itemNode())) {
            reject(iq, "collection for " + c.itemNode() + " does not follow its publish");
            return;
        }
        Integer instanceId = subscriptions.get(c.node());
        if (instanceId == null) {
            reject(iq, "not subscribed to " + c.node());
            return;
        }
        try {
            var family = RouteItemNode.parse(c.itemNode()).family();
            XmlElement item = held.get().item().orElseThrow();
            if (c.associate()) {
                associate(iq, c.node(), instanceId, RouteEntryDecoder.decode(item, family));
            } else {
                RoutePrefix prefix = RouteEntryDecoder.decodeKey(item, family);
                routesWithdrawn.incrementAndGet();
                paths.decrementAndGet();
                answer(iq, rib.deletePath(hostname(), c.node(), prefix));
            }
        } catch (XmppPayloadException e) {
            reject(iq, e.getMessage());
        }
    }

    private void associate(XmlElement iq, String instance, int instanceId, RouteEntry entry) {
        if (paths.incrementAndGet() > limits.maxPaths()) {
            session.fail(StreamErrorCondition.POLICY_VIOLATION, "more than " + limits.maxPaths() + " paths");
            return;
        }
        String originVn = !entry.virtualNetwork().isEmpty() ? entry.virtualNetwork()
                : !entry.nextHops().getFirst().virtualNetwork().isEmpty() ? entry.nextHops().getFirst().virtualNetwork()
                : RoutingInstanceSpec.placeholder(instance).virtualNetwork();
        PathKey key = new PathKey(hostname(), agentAddress() + ":" + instanceId);
        routesReceived.incrementAndGet();
        counters.routesReceived.incrementAndGet();
        answer(iq, rib.addPath(new Path(key, instance, originVn, entry)));
    }

    private void config(XmlElement iq, PubSubRequest request) {
        try {
            switch (request) {
                case PubSubRequest.Subscribe s -> configSubscribe(ConfigNodeName.parse(s.node()), true);
                case PubSubRequest.Unsubscribe u -> configSubscribe(ConfigNodeName.parse(u.node()), false);
                default -> {
                    reply(iq, Optional.of("only subscribe and unsubscribe on the config resource"));
                    return;
                }
            }
            reply(iq, Optional.empty());
        } catch (XmppPayloadException e) {
            reply(iq, Optional.of(e.getMessage()));
        }
    }

    private void configSubscribe(ConfigNodeName node, boolean subscribe) {
        switch (node.type()) {
            case "virtual-router" -> {
                if (!node.equals(ConfigNodeName.virtualRouter(hostname()))) {
                    throw new XmppPayloadException("subscribe/@node", node.toString(), "not this agent's virtual-router");
                }
                if (subscribe) {
                    config.agentUp(hostname(), configOut);
                } else {
                    config.agentDown(hostname());
                }
            }
            case "virtual-machine" -> config.subscribeVirtualMachine(hostname(), node.name(), subscribe);
            default -> throw new XmppPayloadException("subscribe/@node", node.toString(), "unknown config node type");
        }
    }

    private void reject(XmlElement iq, String why) {
        itemsRejected.incrementAndGet();
        counters.itemsRejected.incrementAndGet();
        log.info("agent {}: rejected {}", hostname(), why);
        reply(iq, Optional.of(why));
    }

    private void answer(XmlElement iq, CompletableFuture<Void> done) {
        done.whenComplete((v, e) -> session.execute(() ->
                reply(iq, Optional.ofNullable(e).map(x -> x.getCause() != null ? x.getCause().getMessage() : x.getMessage()))));
    }

    private void reply(XmlElement iq, Optional<String> error) {
        String id = iq.attribute("id").orElse("");
        String from = iq.attribute("to").orElse(addresses.controlNode());
        String to = session.jid();
        session.write(error.map(e -> StreamElements.iqError(id, from, to, "modify", "bad-request", e))
                .orElseGet(() -> StreamElements.iqResult(id, from, to)));
    }

    /** The agent's address as TF's SourceRD uses it: the IP the session comes from. */
    private String agentAddress() {
        String remote = session.remoteAddress();
        int colon = remote.lastIndexOf(':');
        String ip = colon > 0 ? remote.substring(0, colon) : remote;
        return ip.startsWith("/") ? ip.substring(1) : ip;
    }

    String hostname() {
        return session.hostname();
    }

    public PeerStatus status() {
        return new PeerStatus(hostname(), session.jid(), session.remoteAddress(), "ESTABLISHED", since,
                StateChangeReason.RESOURCE_BOUND.name(), new TreeMap<>(subscriptions), routesReceived.get(),
                routesWithdrawn.get(), itemsRejected.get(), ribOut.itemsSent.get(), ribOut.retractsSent.get(),
                ribOut.messagesSent.get(), configOut.objectsPushed.get(), endOfRibReceived, 0);
    }
}
