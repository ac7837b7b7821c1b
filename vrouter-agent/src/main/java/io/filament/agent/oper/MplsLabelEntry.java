package io.filament.agent.oper;

/** An incoming MPLS label of this host and the next hop it delivers to. */
public record MplsLabelEntry(int label, int nextHopId) {
}
