package io.filament.control.xmpp.peer;

/** Bounds on one agent: routing-instance subscriptions open at a time, and paths it may publish. */
public record PeerLimits(int maxSubscriptions, int maxPaths) {

    public static final PeerLimits DEFAULT = new PeerLimits(4096, 65536);
}
