package io.filament.control.xmpp.session;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import static io.filament.control.xmpp.session.SessionInput.*;
import static io.filament.control.xmpp.session.SessionState.*;

/**
 * The one transition table of the server stream (RFC 6120 §4–§7). An input with no entry for the current state
 * is a protocol error: the session answers with a stream error and closes. Errors, end of stream, hold-timer
 * expiry and a lost connection lead to {@link SessionState#CLOSED} from every state.
 */
public final class SessionTransitions {

    private static final Map<SessionState, Map<SessionInput, SessionState>> TABLE = new EnumMap<>(SessionState.class);

    static {
        on(AWAITING_STREAM, STREAM_HEADER, NEGOTIATING);
        on(AWAITING_STREAM, STREAM_HEADER_AUTHENTICATED, AWAITING_BIND);
        on(NEGOTIATING, STARTTLS, TLS_HANDSHAKE);
        on(NEGOTIATING, SASL_AUTH_OK, AWAITING_STREAM);
        on(NEGOTIATING, SASL_AUTH_FAILED, CLOSED);
        on(TLS_HANDSHAKE, TLS_HANDSHAKE_DONE, AWAITING_STREAM);
        on(AWAITING_BIND, BIND, ESTABLISHED);
        on(ESTABLISHED, STANZA, ESTABLISHED);
        for (SessionState s : SessionState.values()) {
            if (s != CLOSED) {
                on(s, STREAM_END, CLOSED);
                on(s, DECODE_ERROR, CLOSED);
                on(s, HOLD_TIMER, CLOSED);
                on(s, CONNECTION_LOST, CLOSED);
            }
        }
    }

    private SessionTransitions() {
    }

    private static void on(SessionState from, SessionInput input, SessionState to) {
        TABLE.computeIfAbsent(from, k -> new EnumMap<>(SessionInput.class)).put(input, to);
    }

    public static Optional<SessionState> next(SessionState from, SessionInput input) {
        return Optional.ofNullable(TABLE.getOrDefault(from, Map.of()).get(input));
    }
}
