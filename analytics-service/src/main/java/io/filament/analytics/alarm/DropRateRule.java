package io.filament.analytics.alarm;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.filament.analytics.status.StructPart;
import io.filament.contracts.status.StatusTable;
import io.filament.analytics.uve.UveChanged;
import io.filament.analytics.uve.UveContributions;
import io.filament.analytics.uve.UveKey;
import io.filament.analytics.uve.UveService;
import tools.jackson.databind.JsonNode;

/**
 * A vrouter whose dataplane drops more packets per second than the threshold, measured between two successive
 * reports of {@code VrouterStatsAgent.raw_drop_stats} (cumulative per-reason counters, summed over reasons and
 * sources). The verdict holds until the next report.
 */
public final class DropRateRule implements AlarmRule {

    public static final String TYPE = "system-defined-vrouter-drop-rate";

    record Sample(long time, long drops) {
    }

    record Verdict(Sample sample, Optional<String> reason) {
    }

    private final double thresholdPerSecond;
    private final Map<String, Verdict> verdicts = new HashMap<>();

    public DropRateRule(double thresholdPerSecond) {
        this.thresholdPerSecond = thresholdPerSecond;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int severity() {
        return 2;
    }

    @Override
    public Set<UveKey> affected(UveChanged change) {
        return change.key().table() == StatusTable.VROUTER && change.structs().contains("VrouterStatsAgent")
                ? Set.of(change.key()) : Set.of();
    }

    @Override
    public Set<UveKey> subjects(UveService uves) {
        return uves.keys(StatusTable.VROUTER).stream().map(k -> new UveKey(StatusTable.VROUTER, k)).collect(Collectors.toSet());
    }

    @Override
    public Optional<String> evaluate(UveKey subject, UveService uves, long nowMicros) {
        Optional<Sample> current = uves.contributions(subject).flatMap(DropRateRule::sample);
        if (current.isEmpty()) {
            verdicts.remove(subject.key());
            return Optional.empty();
        }
        Verdict previous = verdicts.get(subject.key());
        if (previous != null && previous.sample().time() == current.get().time()) {
            return previous.reason();
        }
        Optional<String> reason = Optional.empty();
        if (previous != null && current.get().time() > previous.sample().time()
                && current.get().drops() >= previous.sample().drops()) {
            double seconds = (current.get().time() - previous.sample().time()) / 1e6;
            double rate = (current.get().drops() - previous.sample().drops()) / seconds;
            if (rate > thresholdPerSecond) {
                reason = Optional.of(String.format("vrouter %s drops %.1f packets/s (threshold %.1f)",
                        subject.key(), rate, thresholdPerSecond));
            }
        }
        verdicts.put(subject.key(), new Verdict(current.get(), reason));
        return reason;
    }

    private static Optional<Sample> sample(UveContributions uve) {
        long time = 0;
        long drops = 0;
        boolean found = false;
        for (Map<String, StructPart> structs : uve.bySource().values()) {
            StructPart stats = structs.get("VrouterStatsAgent");
            if (stats != null && stats.attributes().has("raw_drop_stats")) {
                found = true;
                time = Math.max(time, stats.time());
                drops += total(stats.attributes().get("raw_drop_stats"));
            }
        }
        return found ? Optional.of(new Sample(time, drops)) : Optional.empty();
    }

    private static long total(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        long sum = 0;
        for (JsonNode child : node) {
            sum += total(child);
        }
        return sum;
    }
}
