package io.filament.control.rib;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Best path and ECMP as TF's {@code BgpPath::PathCompare} for XMPP paths: higher LOCAL_PREF, higher mobility
 * sequence number, lower MED (every agent path is from the same AS, so MED always compares); paths equal so far
 * are ECMP. Among those the instance's own paths beat imported ones, then the lower peer key wins. Each step is
 * one comparator that names itself as the reason.
 */
public final class BestPathSelector {

    private record Step(BestPathReason reason, Comparator<Path> order) {
    }

    private static final List<Step> ECMP_STEPS = List.of(
            new Step(BestPathReason.HIGHER_LOCAL_PREFERENCE,
                    Comparator.comparingLong((Path p) -> p.entry().localPreference()).reversed()),
            new Step(BestPathReason.HIGHER_SEQUENCE_NUMBER,
                    Comparator.comparingLong((Path p) -> p.entry().sequenceNumber()).reversed()),
            new Step(BestPathReason.LOWER_MED, Comparator.comparingLong((Path p) -> p.entry().effectiveMed())));

    private BestPathSelector() {
    }

    public static Optional<RouteSelection> select(String instance, Collection<Path> paths) {
        if (paths.isEmpty()) {
            return Optional.empty();
        }
        if (paths.size() == 1) {
            Path only = paths.iterator().next();
            return Optional.of(new RouteSelection(only, List.of(only), BestPathReason.ONLY_PATH));
        }
        List<Step> steps = new ArrayList<>(ECMP_STEPS);
        steps.add(new Step(BestPathReason.PRIMARY_OVER_REPLICATED,
                Comparator.comparing((Path p) -> !p.originInstance().equals(instance))));
        steps.add(new Step(BestPathReason.LOWER_PEER_KEY, Comparator.comparing(Path::key)));
        Comparator<Path> full = steps.stream().map(Step::order).reduce(Comparator::thenComparing).orElseThrow();
        Comparator<Path> ecmpOrder = ECMP_STEPS.stream().map(Step::order).reduce(Comparator::thenComparing).orElseThrow();

        List<Path> sorted = paths.stream().sorted(full).toList();
        Path best = sorted.getFirst();
        List<Path> ecmp = sorted.stream().filter(p -> ecmpOrder.compare(p, best) == 0).toList();
        BestPathReason reason = sorted.size() == 1 ? BestPathReason.ONLY_PATH : reason(steps, best, sorted.get(1));
        return Optional.of(new RouteSelection(best, ecmp, reason));
    }

    private static BestPathReason reason(List<Step> steps, Path best, Path runnerUp) {
        for (Step s : steps) {
            if (s.order().compare(best, runnerUp) != 0) {
                return s.reason();
            }
        }
        return BestPathReason.LOWER_PEER_KEY;
    }
}
