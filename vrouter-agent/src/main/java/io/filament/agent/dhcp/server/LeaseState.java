package io.filament.agent.dhcp.server;

/** Where a client stands with this server (RFC 2131 §4.3 from the server's side). */
public enum LeaseState {
    OFFERED, BOUND, RELEASED, DECLINED
}
