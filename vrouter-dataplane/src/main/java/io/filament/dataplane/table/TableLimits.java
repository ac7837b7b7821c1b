package io.filament.dataplane.table;

/**
 * Sizes of the forwarding tables (TF defaults where they exist: 4,352 interfaces, 5,120 MPLS labels, 4,096 VRFs).
 */
public record TableLimits(int interfaces, int nextHops, int vrfs, int mplsLabels, int vnis, int acls) {

    public static final TableLimits DEFAULT = new TableLimits(4352, 65536, 4096, 5120, 4096, 16384);

    public TableLimits {
        for (int v : new int[] {interfaces, nextHops, vrfs, mplsLabels, vnis, acls}) {
            if (v <= 0) {
                throw new IllegalArgumentException("table limits must be positive: " + v);
            }
        }
    }
}
