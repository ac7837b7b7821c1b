package io.filament.analytics.alarm;

import java.util.Optional;
import java.util.Set;

import io.filament.analytics.uve.UveChanged;
import io.filament.analytics.uve.UveKey;
import io.filament.analytics.uve.UveService;

/**
 * One alarm condition. Rules run on the status thread only, so a rule may keep state between calls.
 */
public interface AlarmRule {

    String type();

    int severity();

    /** Subjects whose verdict a UVE change may alter. */
    Set<UveKey> affected(UveChanged change);

    /** Every subject the rule currently knows, for the periodic check. */
    Set<UveKey> subjects(UveService uves);

    /** The reason to alarm on the subject now, or empty if it is healthy. */
    Optional<String> evaluate(UveKey subject, UveService uves, long nowMicros);
}
