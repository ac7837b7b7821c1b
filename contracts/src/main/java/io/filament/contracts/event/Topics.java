package io.filament.contracts.event;

import io.filament.contracts.InvalidValueException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Filament's Kafka topics (DESIGN.md §4). Every record carries a CloudEvents envelope in binary mode
 * ({@link BinaryModeHeaders}) and a JSON value. Names are lower case, dot separated, broad to narrow, with
 * a version suffix; a consumer that gives up on a record sends it to {@code <topic>.dlq}.
 */
public final class Topics {

    /** Commands from orchestrator adapters; key: target object uuid. Written by adapters. */
    public static final String CONFIG_COMMANDS = "filament.config.commands.v1";
    /** Every accepted config change (the audit log); key: object uuid. Written by config-api only. */
    public static final String CONFIG_EVENTS = "filament.config.events.v1";
    /** Latest snapshot per config object, tombstone on delete; key: {@code <type>/<uuid>}. Written by config-api only. */
    public static final String CONFIG = "filament.config.v1";
    /** Desired state (routing instances, route targets, ACLs, connections); key: {@code <type>/<id>}. Written by schema-transformer only. */
    public static final String DESIRED = "filament.desired.v1";
    /** UVE-style state reports with their source; key: {@code <table>:<key>}. Written by agents, control nodes, services. */
    public static final String STATUS = "filament.status.v1";
    /** Flow records; key: vrouter name. Written by agents. */
    public static final String FLOWS = "filament.flows.v1";

    /** Suffix of dead-letter topics. */
    public static final String DLQ_SUFFIX = ".dlq";
    /** Longest topic name Kafka accepts. */
    public static final int MAX_NAME_LENGTH = 249;

    private static final List<TopicDefinition> ALL = List.of(
            new TopicDefinition(CONFIG_COMMANDS, "target object uuid", CleanupPolicy.DELETE, Optional.of(Duration.ofDays(7))),
            new TopicDefinition(CONFIG_EVENTS, "object uuid", CleanupPolicy.DELETE, Optional.empty()),
            new TopicDefinition(CONFIG, "<type>/<uuid>", CleanupPolicy.COMPACT, Optional.empty()),
            new TopicDefinition(DESIRED, "<type>/<id>", CleanupPolicy.COMPACT, Optional.empty()),
            new TopicDefinition(STATUS, "<table>:<key>", CleanupPolicy.DELETE, Optional.of(Duration.ofDays(2))),
            new TopicDefinition(FLOWS, "vrouter name", CleanupPolicy.DELETE, Optional.of(Duration.ofHours(2))));

    private Topics() {
    }

    /** All topics with their policies, in the order of DESIGN.md §4. The config event log is kept forever. */
    public static List<TopicDefinition> all() {
        return ALL;
    }

    /** The definition of one of Filament's topics. */
    public static Optional<TopicDefinition> definition(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /**
     * The dead-letter topic of {@code topic}: {@code <topic>.dlq}.
     *
     * @throws InvalidValueException naming {@code topic} when the name is not a legal Kafka topic name, is
     *     already a dead-letter topic, or would become too long
     */
    public static String dlq(String topic) {
        checkName(topic);
        if (isDeadLetter(topic)) {
            throw new InvalidValueException("topic", topic, "is already a dead-letter topic");
        }
        if (topic.length() + DLQ_SUFFIX.length() > MAX_NAME_LENGTH) {
            throw new InvalidValueException("topic", topic,
                    "dead-letter name would exceed " + MAX_NAME_LENGTH + " characters");
        }
        return topic + DLQ_SUFFIX;
    }

    /** Whether {@code topic} names a dead-letter topic. */
    public static boolean isDeadLetter(String topic) {
        return topic.endsWith(DLQ_SUFFIX);
    }

    /** Checks Kafka's rules for topic names: 1–249 characters of {@code [a-zA-Z0-9._-]}, not "." or "..". */
    static void checkName(String topic) {
        if (topic == null) {
            throw new InvalidValueException("topic", null, "topic name is required");
        }
        if (topic.isEmpty() || topic.length() > MAX_NAME_LENGTH) {
            throw new InvalidValueException("topic", topic, "must have 1 to " + MAX_NAME_LENGTH + " characters");
        }
        if (topic.equals(".") || topic.equals("..")) {
            throw new InvalidValueException("topic", topic, "\".\" and \"..\" are not topic names");
        }
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            boolean legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!legal) {
                throw new InvalidValueException("topic", topic, "character " + (i + 1) + " is not one of [a-zA-Z0-9._-]");
            }
        }
    }
}
