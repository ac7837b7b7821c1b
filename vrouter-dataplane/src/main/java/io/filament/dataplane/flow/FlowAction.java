package io.filament.dataplane.flow;

/** The verdict stored in a flow entry (TF: DROP 0, HOLD 1, FORWARD 2, NAT 3; HOLD and NAT are not used here). */
public enum FlowAction {
    DROP, FORWARD
}
