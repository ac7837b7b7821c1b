package io.filament.control.xmpp.session;

import io.filament.control.xmpp.wire.StreamDecodeException;
import io.filament.control.xmpp.wire.StreamElements;
import io.filament.control.xmpp.wire.StreamErrorCondition;
import io.filament.control.xmpp.wire.StreamEvent;
import io.filament.control.xmpp.wire.XmlElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server end of one agent's XMPP stream: stream headers and features, STARTTLS, SASL PLAIN (and ANONYMOUS
 * when allowed), resource binding, then established traffic handed to the {@link StanzaHandler}. Every state
 * change goes through {@link SessionTransitions} and is logged with its reason. Runs on one event loop.
 */
public final class XmppServerSession implements EstablishedSession {

    private static final Logger log = LoggerFactory.getLogger(XmppServerSession.class);
    private static final AtomicLong IDS = new AtomicLong();

    private final SessionSettings settings;
    private final AgentAuthenticator authenticator;
    private final StanzaHandler handler;
    private final SessionIo io;
    private final Clock clock;
    private final String streamIdPrefix = "fil-" + IDS.incrementAndGet() + "-";
    private int streams;

    private SessionState state = SessionState.AWAITING_STREAM;
    private StateChangeReason lastReason = StateChangeReason.STREAM_OPENED;
    private Instant since;
    private boolean tlsActive;
    private Optional<String> hostname = Optional.empty();
    private String streamFrom = "";
    private String resource = "";

    public XmppServerSession(SessionSettings settings, AgentAuthenticator authenticator, StanzaHandler handler,
                             SessionIo io, Clock clock) {
        this.settings = settings;
        this.authenticator = authenticator;
        this.handler = handler;
        this.io = io;
        this.clock = clock;
        this.since = clock.instant();
    }

    public void onEvent(StreamEvent event) {
        switch (event) {
            case StreamEvent.StreamOpened open -> onStreamOpened(open);
            case StreamEvent.StanzaReceived s -> onStanza(s.stanza());
            case StreamEvent.StreamClosed c -> {
                if (transition(SessionInput.STREAM_END, StateChangeReason.STREAM_CLOSED_BY_PEER)) {
                    io.write(StreamElements.streamClose());
                    io.close();
                }
            }
        }
    }

    public void onDecodeError(StreamDecodeException e) {
        StateChangeReason reason = e.condition() == StreamErrorCondition.POLICY_VIOLATION
                ? StateChangeReason.LIMIT_EXCEEDED : StateChangeReason.MALFORMED_XML;
        streamError(e.condition(), e.getMessage(), reason);
    }

    public void onHoldTimerExpired() {
        streamError(StreamErrorCondition.CONNECTION_TIMEOUT, "nothing received for " + settings.holdTime().toSeconds()
                + " s", StateChangeReason.HOLD_TIMER_EXPIRED);
    }

    public void onTlsHandshake(boolean success) {
        if (!success) {
            transition(SessionInput.CONNECTION_LOST, StateChangeReason.CONNECTION_LOST);
            io.close();
            return;
        }
        tlsActive = true;
        transition(SessionInput.TLS_HANDSHAKE_DONE, StateChangeReason.TLS_ESTABLISHED);
    }

    public void onConnectionLost() {
        transition(SessionInput.CONNECTION_LOST, StateChangeReason.CONNECTION_LOST);
    }

    private void onStreamOpened(StreamEvent.StreamOpened open) {
        streamFrom = open.attributes().getOrDefault("from", "");
        io.write(StreamElements.header(settings.domain(), streamFrom, streamIdPrefix + (++streams)));
        if (!StreamElements.STREAM_NS.equals(open.namespace())) {
            streamError(StreamErrorCondition.INVALID_NAMESPACE, "stream namespace " + open.namespace(),
                    StateChangeReason.PROTOCOL_ERROR);
            return;
        }
        String to = open.attributes().getOrDefault("to", settings.domain());
        String toDomain = to.contains("@") ? to.substring(to.indexOf('@') + 1) : to;
        if (toDomain.contains("/")) {
            toDomain = toDomain.substring(0, toDomain.indexOf('/'));
        }
        if (!toDomain.equals(settings.domain())) {
            streamError(StreamErrorCondition.HOST_UNKNOWN, "this server serves " + settings.domain(),
                    StateChangeReason.UNKNOWN_HOST);
            return;
        }
        if (hostname.isPresent()) {
            if (transition(SessionInput.STREAM_HEADER_AUTHENTICATED, StateChangeReason.STREAM_OPENED)) {
                io.write(StreamElements.features(false, false, List.of(), true));
            }
            return;
        }
        if (!transition(SessionInput.STREAM_HEADER, StateChangeReason.STREAM_OPENED)) {
            return;
        }
        boolean offerTls = settings.tlsOffered() && !tlsActive;
        boolean authAllowed = tlsActive || !settings.tlsRequired();
        List<String> mechanisms = new ArrayList<>();
        if (authAllowed) {
            mechanisms.add("PLAIN");
            if (settings.anonymousAllowed()) {
                mechanisms.add("ANONYMOUS");
            }
        }
        io.write(StreamElements.features(offerTls, offerTls && settings.tlsRequired(), mechanisms, false));
    }

    private void onStanza(XmlElement stanza) {
        switch (state) {
            case NEGOTIATING -> negotiate(stanza);
            case AWAITING_BIND -> bind(stanza);
            case ESTABLISHED -> handler.stanza(stanza);
            default -> streamError(StreamErrorCondition.NOT_AUTHORIZED, "<" + stanza.name() + "> in state " + state,
                    StateChangeReason.PROTOCOL_ERROR);
        }
    }

    private void negotiate(XmlElement stanza) {
        if (stanza.name().equals("starttls") && StreamElements.TLS_NS.equals(stanza.namespace())
                && settings.tlsOffered() && !tlsActive) {
            transition(SessionInput.STARTTLS, StateChangeReason.TLS_REQUESTED);
            io.restartStream();
            io.startTls(StreamElements.tlsProceed());
            return;
        }
        if (!stanza.name().equals("auth") || !StreamElements.SASL_NS.equals(stanza.namespace())) {
            streamError(StreamErrorCondition.NOT_AUTHORIZED, "<" + stanza.name() + "> before authentication",
                    StateChangeReason.PROTOCOL_ERROR);
            return;
        }
        if (settings.tlsRequired() && !tlsActive) {
            saslFailed("encryption-required", "authentication needs TLS first", StateChangeReason.TLS_REQUIRED);
            return;
        }
        String mechanism = stanza.attribute("mechanism").orElse("");
        Optional<String> host = switch (mechanism) {
            case "PLAIN" -> SaslPlain.decode(stanza.text())
                    .filter(p -> authenticator.passwordMatches(localPart(p.authcid()), p.password()))
                    .map(p -> localPart(p.authcid()));
            case "ANONYMOUS" -> settings.anonymousAllowed() && !streamFrom.isEmpty()
                    ? Optional.of(localPart(streamFrom)) : Optional.empty();
            default -> Optional.empty();
        };
        if (host.isEmpty() || !authenticator.isVirtualRouter(host.get())) {
            saslFailed("not-authorized", host.map(h -> h + " is not a virtual-router")
                    .orElse("bad credentials for mechanism " + mechanism), StateChangeReason.AUTHENTICATION_FAILED);
            return;
        }
        hostname = host;
        transition(SessionInput.SASL_AUTH_OK, StateChangeReason.AUTHENTICATED);
        io.restartStream();
        io.write(StreamElements.saslSuccess());
    }

    private void bind(XmlElement iq) {
        Optional<XmlElement> bind = iq.child("bind").filter(b -> StreamElements.BIND_NS.equals(b.namespace()));
        if (!iq.name().equals("iq") || bind.isEmpty()) {
            streamError(StreamErrorCondition.NOT_AUTHORIZED, "<" + iq.name() + "> before resource binding",
                    StateChangeReason.PROTOCOL_ERROR);
            return;
        }
        resource = bind.get().childText("resource").filter(r -> !r.isEmpty()).orElse(streamIdPrefix + streams);
        io.write(StreamElements.bindResult(iq.attribute("id").orElse(""), jid()));
        transition(SessionInput.BIND, StateChangeReason.RESOURCE_BOUND);
        handler.established(this);
    }

    private void saslFailed(String condition, String text, StateChangeReason reason) {
        io.write(StreamElements.saslFailure(condition));
        streamError(StreamErrorCondition.NOT_AUTHORIZED, text, reason);
    }

    private void streamError(StreamErrorCondition condition, String text, StateChangeReason reason) {
        if (state == SessionState.CLOSED) {
            return;
        }
        io.write(StreamElements.streamError(condition, text));
        io.close();
        log.info("xmpp session {} from {}: stream error {} ({})", hostname.orElse("-"), io.remoteAddress(),
                condition.elementName(), text);
        moveTo(SessionState.CLOSED, reason);
    }

    private boolean transition(SessionInput input, StateChangeReason reason) {
        Optional<SessionState> next = SessionTransitions.next(state, input);
        if (next.isEmpty()) {
            streamError(StreamErrorCondition.POLICY_VIOLATION, input + " not allowed in state " + state,
                    StateChangeReason.PROTOCOL_ERROR);
            return false;
        }
        moveTo(next.get(), reason);
        return true;
    }

    private void moveTo(SessionState next, StateChangeReason reason) {
        SessionState previous = state;
        state = next;
        lastReason = reason;
        since = clock.instant();
        log.info("xmpp session {} from {}: {} -> {} ({})", hostname.orElse("-"), io.remoteAddress(), previous, next, reason);
        if (next == SessionState.CLOSED && previous == SessionState.ESTABLISHED) {
            handler.closed(reason);
        }
    }

    private static String localPart(String jidOrName) {
        int at = jidOrName.indexOf('@');
        String local = at >= 0 ? jidOrName.substring(0, at) : jidOrName;
        int slash = local.indexOf('/');
        return slash >= 0 ? local.substring(0, slash) : local;
    }

    public SessionState state() {
        return state;
    }

    public StateChangeReason lastReason() {
        return lastReason;
    }

    public Instant since() {
        return since;
    }

    @Override
    public String hostname() {
        return hostname.orElse("");
    }

    @Override
    public String jid() {
        return hostname.orElse("") + "@" + settings.domain() + "/" + resource;
    }

    @Override
    public String remoteAddress() {
        return io.remoteAddress();
    }

    @Override
    public void write(String xml) {
        io.write(xml);
    }

    @Override
    public void execute(Runnable task) {
        io.execute(task);
    }

    @Override
    public void fail(StreamErrorCondition condition, String text) {
        streamError(condition, text, StateChangeReason.LIMIT_EXCEEDED);
    }
}
