package io.filament.analytics.alarm;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.filament.analytics.uve.UveChanged;
import io.filament.analytics.uve.UveKey;
import io.filament.analytics.uve.UveListener;
import io.filament.analytics.uve.UveService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Raises and clears alarms. Driven by the status thread: after every UVE change for the subjects it affects,
 * and on every tick for all subjects (time-based rules). Readers see the alarm map from any thread.
 */
public final class AlarmEvaluator implements UveListener {

    private static final Logger log = LoggerFactory.getLogger(AlarmEvaluator.class);

    record AlarmId(String type, UveKey subject) {
    }

    private final List<AlarmRule> rules;
    private final UveService uves;
    private final Clock clock;
    private final Map<AlarmId, Alarm> active = new ConcurrentHashMap<>();
    private final Map<String, Counter> raised = new ConcurrentHashMap<>();

    public AlarmEvaluator(List<AlarmRule> rules, UveService uves, Clock clock, MeterRegistry meters) {
        this.rules = List.copyOf(rules);
        this.uves = uves;
        this.clock = clock;
        for (AlarmRule rule : rules) {
            Gauge.builder("filament.alarms.active", active,
                            a -> a.keySet().stream().filter(id -> id.type().equals(rule.type())).count())
                    .description("Alarms currently raised").tag("type", rule.type())
                    .tag("severity", String.valueOf(rule.severity())).register(meters);
            raised.put(rule.type(), Counter.builder("filament.alarms.raised").description("Alarms raised")
                    .tag("type", rule.type()).register(meters));
        }
    }

    @Override
    public void uveChanged(UveChanged change) {
        long now = nowMicros();
        for (AlarmRule rule : rules) {
            rule.affected(change).forEach(subject -> judge(rule, subject, now));
        }
    }

    /** Re-evaluates every subject of every rule. */
    public void tick() {
        long now = nowMicros();
        for (AlarmRule rule : rules) {
            Set<UveKey> subjects = rule.subjects(uves);
            subjects.forEach(subject -> judge(rule, subject, now));
            // Alarms whose subject the rule no longer knows (object withdrawn) are cleared.
            for (AlarmId id : List.copyOf(active.keySet())) {
                if (id.type().equals(rule.type()) && !subjects.contains(id.subject())) {
                    clear(id, "subject gone");
                }
            }
        }
    }

    /** Re-evaluates one subject of one rule now (used for config changes). */
    public void judge(AlarmRule rule, UveKey subject) {
        judge(rule, subject, nowMicros());
    }

    private void judge(AlarmRule rule, UveKey subject, long now) {
        AlarmId id = new AlarmId(rule.type(), subject);
        Optional<String> reason = rule.evaluate(subject, uves, now);
        if (reason.isPresent() && !active.containsKey(id)) {
            active.put(id, new Alarm(rule.type(), subject, rule.severity(), reason.get(), now));
            raised.get(rule.type()).increment();
            log.info("alarm raised: {} on {}: {}", rule.type(), subject, reason.get());
        } else if (reason.isEmpty() && active.containsKey(id)) {
            clear(id, "condition no longer holds");
        }
    }

    private void clear(AlarmId id, String why) {
        if (active.remove(id) != null) {
            log.info("alarm cleared: {} on {}: {}", id.type(), id.subject(), why);
        }
    }

    public Collection<Alarm> active() {
        return List.copyOf(active.values());
    }

    private long nowMicros() {
        var now = clock.instant();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
