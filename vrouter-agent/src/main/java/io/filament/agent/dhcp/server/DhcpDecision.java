package io.filament.agent.dhcp.server;

import io.filament.agent.dhcp.wire.DhcpMessage;

/** What the server does with one client message: answer it, or stay silent for a stated reason. */
public sealed interface DhcpDecision {

    record Reply(DhcpMessage message) implements DhcpDecision {
    }

    record Silent(SilenceReason reason) implements DhcpDecision {
    }

    enum SilenceReason {
        NOT_A_CLIENT_MESSAGE,
        NO_BINDING_FOR_PORT,
        ANOTHER_SERVER_SELECTED,
        RELEASED,
        DECLINED
    }
}
