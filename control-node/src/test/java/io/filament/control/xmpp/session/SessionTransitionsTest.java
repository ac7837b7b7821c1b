package io.filament.control.xmpp.session;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class SessionTransitionsTest {

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource({
            "AWAITING_STREAM, STREAM_HEADER, NEGOTIATING",
            "AWAITING_STREAM, STREAM_HEADER_AUTHENTICATED, AWAITING_BIND",
            "NEGOTIATING, STARTTLS, TLS_HANDSHAKE",
            "TLS_HANDSHAKE, TLS_HANDSHAKE_DONE, AWAITING_STREAM",
            "NEGOTIATING, SASL_AUTH_OK, AWAITING_STREAM",
            "NEGOTIATING, SASL_AUTH_FAILED, CLOSED",
            "AWAITING_BIND, BIND, ESTABLISHED",
            "ESTABLISHED, STANZA, ESTABLISHED",
            "ESTABLISHED, HOLD_TIMER, CLOSED",
            "ESTABLISHED, DECODE_ERROR, CLOSED",
            "ESTABLISHED, STREAM_END, CLOSED",
            "AWAITING_BIND, CONNECTION_LOST, CLOSED"})
    void followsRfc6120Negotiation(SessionState from, SessionInput input, SessionState to) {
        assertThat(SessionTransitions.next(from, input)).contains(to);
    }

    @ParameterizedTest(name = "{0} + {1} is a protocol error")
    @CsvSource({
            "AWAITING_STREAM, STANZA",
            "NEGOTIATING, BIND",
            "NEGOTIATING, STANZA",
            "AWAITING_BIND, STANZA",
            "AWAITING_BIND, STARTTLS",
            "ESTABLISHED, SASL_AUTH_OK",
            "ESTABLISHED, STARTTLS",
            "TLS_HANDSHAKE, STREAM_HEADER"})
    void refusesInputsOutOfOrder(SessionState from, SessionInput input) {
        assertThat(SessionTransitions.next(from, input)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(SessionInput.class)
    void acceptsNothingOnceClosed(SessionInput input) {
        assertThat(SessionTransitions.next(SessionState.CLOSED, input)).isEmpty();
    }
}
