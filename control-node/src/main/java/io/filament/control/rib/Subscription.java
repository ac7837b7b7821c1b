package io.filament.control.rib;

/** An agent's subscription to a routing instance, with the VRF index that forms its SourceRDs. */
public record Subscription(String peer, String instance, int instanceId, boolean noRibout) {
}
