package io.filament.agent.xmpp.session;

import io.filament.agent.config.AgentProperties;
import io.filament.agent.config.ControlNodeAddress;
import io.filament.agent.xmpp.wire.AgentProviders;
import io.filament.agent.xmpp.wire.ConfigIq;
import io.filament.agent.xmpp.wire.PubSubIq;
import io.filament.agent.xmpp.wire.PubSubRequest;
import io.filament.agent.xmpp.wire.RouteUpdateEvent;
import io.filament.contracts.xmpp.XmppAddresses;
import io.github.resilience4j.core.IntervalFunction;
import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The XMPP session to one control node, over Smack's {@code XMPPTCPConnection}: connect, SASL PLAIN as
 * {@code <host>@<domain>}, bind; then config iqs and route messages go to the {@link SessionListener}, and
 * pub/sub requests go out in order with a reply timeout each. A lost or refused session is retried after
 * Resilience4j's exponential back-off with jitter (1, 2, 4 … capped at 30 s by default). All state changes run on
 * the session's own thread ({@code xmpp-<peer>}).
 */
public final class ControlNodeSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControlNodeSession.class);

    static {
        AgentProviders.register();
    }

    private final ControlNodeAddress address;
    private final String hostName;
    private final String password;
    private final AgentProperties.Xmpp settings;
    private final SessionListener listener;
    private final Clock clock;
    private final IntervalFunction backoff;
    private final ScheduledExecutorService executor;
    private final Jid bgpPeer;
    private final Jid configPeer;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong received = new AtomicLong();

    private volatile PeerState state = PeerState.IDLE;
    private volatile Instant since;
    private volatile String lastReason = "";
    private volatile int attempts;
    private volatile long flaps;
    private volatile XMPPTCPConnection connection;
    /**
     * The connection whose {@code sessionUp} the listener has been given. What any other connection receives
     * (this one before its {@code sessionUp} was handed over, or after it was lost) goes through the session
     * thread, behind the session's own events, so the listener never hears of config or routes before the
     * {@code sessionUp} of the session they came on.
     */
    private volatile XMPPTCPConnection announced;
    private ScheduledFuture<?> keepalive;

    public ControlNodeSession(ControlNodeAddress address, String hostName, String password,
                              AgentProperties.Xmpp settings, SessionListener listener, Clock clock) {
        this.address = address;
        this.hostName = hostName;
        this.password = password;
        this.settings = settings;
        this.listener = listener;
        this.clock = clock;
        this.since = clock.instant();
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(settings.backoffInitial(), 2.0, 0.1,
                settings.backoffMax());
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "xmpp-" + address);
            t.setDaemon(true);
            return t;
        });
        XmppAddresses tf = new XmppAddresses(settings.domain());
        try {
            this.bgpPeer = JidCreate.from(tf.controlNodeBgpPeer());
            this.configPeer = JidCreate.from(tf.controlNodeConfig());
        } catch (XmppStringprepException e) {
            throw new IllegalArgumentException("filament.xmpp.domain '" + settings.domain() + "' is not an XMPP domain", e);
        }
    }

    public String peer() {
        return address.toString();
    }

    public void start() {
        executor.execute(this::connect);
    }

    public boolean established() {
        return state == PeerState.ESTABLISHED;
    }

    public SessionStatus status() {
        return new SessionStatus(peer(), state, since, lastReason, attempts, flaps, sent.get(), failed.get(),
                received.get());
    }

    /** Sends a routing request to {@code /bgp-peer}; false when the session is not established. */
    public boolean sendRouting(PubSubRequest request) {
        return send(bgpPeer, request);
    }

    /** Sends a config subscription to {@code /config}; false when the session is not established. */
    public boolean sendConfig(PubSubRequest request) {
        return send(configPeer, request);
    }

    private boolean send(Jid to, PubSubRequest request) {
        XMPPTCPConnection c = connection;
        if (state != PeerState.ESTABLISHED || c == null) {
            return false;
        }
        PubSubIq iq = new PubSubIq(to, "pubsub" + sequence.incrementAndGet(), request);
        sent.incrementAndGet();
        c.sendIqRequestAsync(iq, settings.replyTimeout().toMillis()).onError(e -> {
            failed.incrementAndGet();
            log.warn("control node {} did not accept {}: {}", peer(), request.getClass().getSimpleName(), e.toString());
        });
        return true;
    }

    private void connect() {
        if (state == PeerState.STOPPED) {
            return;
        }
        attempts++;
        transition(PeerState.CONNECTING, "attempt " + attempts);
        XMPPTCPConnection c = null;
        try {
            XMPPTCPConnectionConfiguration config = XMPPTCPConnectionConfiguration.builder()
                    .setXmppDomain(settings.domain())
                    .setHostAddress(InetAddress.getByName(address.host()))
                    .setPort(address.port())
                    .setUsernameAndPassword(hostName, password)
                    .setResource("agent")
                    .setSendPresence(false)
                    .setConnectTimeout((int) settings.connectTimeout().toMillis())
                    .setSocketFactory(NoDelaySocketFactory.INSTANCE)
                    .setSecurityMode(switch (settings.tls()) {
                        case DISABLED -> ConnectionConfiguration.SecurityMode.disabled;
                        case IF_POSSIBLE -> ConnectionConfiguration.SecurityMode.ifpossible;
                        case REQUIRED -> ConnectionConfiguration.SecurityMode.required;
                    })
                    .build();
            c = new XMPPTCPConnection(config);
            c.setReplyTimeout(settings.connectTimeout().toMillis());
            c.setUseStreamManagement(false);
            install(c);
            c.connect();
            c.login();
            c.setReplyTimeout(settings.replyTimeout().toMillis());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (c != null) {
                c.disconnect();
            }
            retryLater("connect failed: " + e.getMessage());
            return;
        }
        connection = c;
        attempts = 0;
        transition(PeerState.ESTABLISHED, "logged in");
        long period = Math.max(1000, settings.holdTime().toMillis() / 3);
        keepalive = executor.scheduleAtFixedRate(this::sendKeepalive, period, period, TimeUnit.MILLISECONDS);
        listener.sessionUp(this);
        announced = c;
    }

    private void install(XMPPTCPConnection c) {
        c.registerIQRequestHandler(new AbstractIqRequestHandler(ConfigIq.ELEMENT, ConfigIq.NAMESPACE, IQ.Type.set,
                IQRequestHandler.Mode.sync) {
            @Override
            public IQ handleIQRequest(IQ iq) {
                received.incrementAndGet();
                ConfigIq config = (ConfigIq) iq;
                deliver(c, () -> listener.configReceived(ControlNodeSession.this, config.items()));
                // TF's config push is never acknowledged.
                return null;
            }
        });
        c.addSyncStanzaListener(stanza -> {
            RouteUpdateEvent event = stanza.getExtension(RouteUpdateEvent.class);
            if (event != null) {
                received.incrementAndGet();
                deliver(c, () -> listener.routesReceived(this, event));
            }
        }, StanzaTypeFilter.MESSAGE);
        c.addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionClosedOnError(Exception e) {
                onSessionThread(() -> lost(c, "connection closed: " + e.getMessage()));
            }

            @Override
            public void connectionClosed() {
                onSessionThread(() -> lost(c, "connection closed by peer"));
            }

            @Override
            public void connected(XMPPConnection connection) {
            }

            @Override
            public void authenticated(XMPPConnection connection, boolean resumed) {
            }
        });
    }

    /**
     * Hands what {@code c} received to the listener: at once, on Smack's delivery thread (which calls this in the
     * order the stanzas arrived), while {@code c} is the announced connection; through the session thread
     * otherwise. The hop through the session thread would cost every route update one more thread wake-up on
     * its way to the agent's thread.
     */
    private void deliver(XMPPTCPConnection c, Runnable delivery) {
        if (announced == c) {
            delivery.run();
        } else {
            onSessionThread(delivery);
        }
    }

    /** Runs on the session thread; once the session is closed there is nothing left to run. */
    private void onSessionThread(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("control node {}: session closed, dropping {}", peer(), task);
        }
    }

    private void lost(XMPPTCPConnection c, String reason) {
        if (c != connection || state != PeerState.ESTABLISHED) {
            return;
        }
        connection = null;
        announced = null;
        flaps++;
        if (keepalive != null) {
            keepalive.cancel(false);
        }
        listener.sessionDown(this, reason);
        retryLater(reason);
    }

    private void retryLater(String reason) {
        if (state == PeerState.STOPPED) {
            return;
        }
        long delay = backoff.apply(Math.max(1, attempts));
        transition(PeerState.BACKOFF, reason + "; retry in " + delay + " ms");
        executor.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private void sendKeepalive() {
        XMPPTCPConnection c = connection;
        if (c == null) {
            return;
        }
        try {
            c.sendNonza(WhitespaceKeepalive.INSTANCE);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            lost(c, "keepalive failed: " + e.getMessage());
        }
    }

    private void transition(PeerState next, String reason) {
        if (state != next) {
            log.info("control node {}: {} -> {} ({})", peer(), state, next, reason);
            since = clock.instant();
        }
        state = next;
        if (next == PeerState.BACKOFF) {
            lastReason = reason;
        }
    }

    /** Ends the session; a second call does nothing. */
    @Override
    public void close() {
        if (executor.isShutdown()) {
            return; // closed already: the runtime and the application context may both close a session
        }
        executor.execute(() -> {
            transition(PeerState.STOPPED, "agent stopping");
            XMPPTCPConnection c = connection;
            connection = null;
            announced = null;
            if (c != null) {
                c.disconnect();
            }
        });
        executor.shutdown();
        try {
            if (!executor.awaitTermination(settings.connectTimeout().toSeconds() + 5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }
}
