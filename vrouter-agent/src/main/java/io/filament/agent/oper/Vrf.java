package io.filament.agent.oper;

/** A VRF of this host: the routing instance it realises and its local index (TF's instance-id). */
public record Vrf(String name, int index) {
}
