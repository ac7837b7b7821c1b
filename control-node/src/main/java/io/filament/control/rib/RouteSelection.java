package io.filament.control.rib;

import java.util.List;

/**
 * Result of best-path selection for one prefix in one instance: the best path, every path equal to it up to
 * the MED step (ECMP, best first) and why the best beat the runner-up.
 */
public record RouteSelection(Path best, List<Path> ecmp, BestPathReason reason) {

    public RouteSelection {
        ecmp = List.copyOf(ecmp);
    }
}
