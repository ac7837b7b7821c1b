package io.filament.analytics.alarm;

import io.filament.analytics.uve.UveKey;

/**
 * A raised alarm.
 *
 * @param type        TF-style alarm type, e.g. {@code system-defined-xmpp-connectivity}
 * @param subject     the UVE the alarm is about
 * @param severity    0 critical, 1 major, 2 minor
 * @param description why it is raised
 * @param raisedAt    microseconds since the epoch
 */
public record Alarm(String type, UveKey subject, int severity, String description, long raisedAt) {
}
