package io.filament.agent.xmpp.session;

import java.time.Instant;

/**
 * A control-node session as introspection shows it.
 *
 * @param peer        {@code host:port}
 * @param state       current state
 * @param since       when it entered that state
 * @param lastReason  why it last went down, empty when it never did
 * @param attempts    connect attempts since the last success
 * @param flaps       times it went down after being established
 * @param sent        pub/sub requests sent
 * @param failed      requests that timed out or were refused
 * @param received    config iqs and route messages received
 */
public record SessionStatus(String peer, PeerState state, Instant since, String lastReason, int attempts,
                            long flaps, long sent, long failed, long received) {
}
