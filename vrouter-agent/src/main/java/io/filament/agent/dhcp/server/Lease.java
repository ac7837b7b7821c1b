package io.filament.agent.dhcp.server;

import io.filament.contracts.net.IpAddress;
import io.filament.contracts.net.MacAddress;

import java.time.Instant;

/** The server's record of one client: its address, state and when the lease runs out. */
public record Lease(MacAddress mac, IpAddress address, LeaseState state, Instant expires) {
}
