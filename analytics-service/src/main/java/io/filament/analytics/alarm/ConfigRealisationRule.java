package io.filament.analytics.alarm;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.filament.analytics.status.StructPart;
import io.filament.contracts.status.StatusTable;
import io.filament.analytics.uve.UveChanged;
import io.filament.analytics.uve.UveKey;
import io.filament.analytics.uve.UveService;
import tools.jackson.databind.JsonNode;

/**
 * A config change of a tracked type that no source has reported realised ({@code ObjectConfigRealisation:
 * <type>:<uuid>}, {@code ConfigRealisation.realised_version} ≥ the change's version) within the threshold.
 */
public final class ConfigRealisationRule implements AlarmRule {

    public static final String TYPE = "system-defined-config-not-realised";

    record Pending(long version, long since) {
    }

    private final long thresholdMicros;
    private final Set<String> trackedTypes;
    private final Map<String, Pending> pending = new HashMap<>();

    public ConfigRealisationRule(long thresholdMicros, List<String> trackedTypes) {
        this.thresholdMicros = thresholdMicros;
        this.trackedTypes = Set.copyOf(trackedTypes);
    }

    /** Records a config change; a delete ends the tracking of its object. */
    public Optional<UveKey> configChanged(ConfigChangeSeen change) {
        if (!trackedTypes.contains(change.type())) {
            return Optional.empty();
        }
        if (change.operation().equals("deleted")) {
            pending.remove(change.realisationKey());
        } else {
            pending.merge(change.realisationKey(), new Pending(change.version(), change.time()),
                    (old, neu) -> neu.version() > old.version() ? new Pending(neu.version(), old.since()) : old);
        }
        return Optional.of(new UveKey(StatusTable.CONFIG_OBJECT, change.realisationKey()));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int severity() {
        return 1;
    }

    @Override
    public Set<UveKey> affected(UveChanged change) {
        return change.key().table() == StatusTable.CONFIG_OBJECT ? Set.of(change.key()) : Set.of();
    }

    @Override
    public Set<UveKey> subjects(UveService uves) {
        return pending.keySet().stream().map(k -> new UveKey(StatusTable.CONFIG_OBJECT, k)).collect(Collectors.toSet());
    }

    @Override
    public Optional<String> evaluate(UveKey subject, UveService uves, long nowMicros) {
        Pending wanted = pending.get(subject.key());
        if (wanted == null) {
            return Optional.empty();
        }
        long realised = uves.contributions(subject).map(c -> c.bySource().values().stream()
                .map(structs -> structs.get("ConfigRealisation"))
                .filter(p -> p != null)
                .mapToLong(ConfigRealisationRule::realisedVersion).max().orElse(0)).orElse(0L);
        if (realised >= wanted.version()) {
            pending.remove(subject.key());
            return Optional.empty();
        }
        if (nowMicros - wanted.since() < thresholdMicros) {
            return Optional.empty();
        }
        return Optional.of(String.format("%s version %d not realised after %d s (realised: %d)", subject.key(),
                wanted.version(), (nowMicros - wanted.since()) / 1_000_000, realised));
    }

    private static long realisedVersion(StructPart part) {
        JsonNode v = part.attributes().path("realised_version");
        return v.isIntegralNumber() ? v.longValue() : 0;
    }
}
