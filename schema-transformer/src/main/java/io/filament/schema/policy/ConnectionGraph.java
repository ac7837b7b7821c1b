package io.filament.schema.policy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which networks allow which, and so which pairs are connected. A allows B when A's pass rules name B, or allow
 * {@code any} and B is in A's project or B's rules name A. A connection exists only when each allows the other.
 * Names of networks not (yet) present are kept, so a connection appears when the named network arrives.
 */
public final class ConnectionGraph {

    private final Map<String, ConnectionIntent> intents = new HashMap<>();
    private final Map<String, String> projects = new HashMap<>();
    private final Map<String, Set<String>> byProject = new HashMap<>();
    private final Map<String, Set<String>> namedBy = new HashMap<>();

    public void put(String network, String project, ConnectionIntent intent) {
        remove(network);
        intents.put(network, intent);
        projects.put(network, project);
        byProject.computeIfAbsent(project, p -> new HashSet<>()).add(network);
        for (String named : intent.named()) {
            namedBy.computeIfAbsent(named, n -> new HashSet<>()).add(network);
        }
    }

    public void remove(String network) {
        ConnectionIntent intent = intents.remove(network);
        if (intent == null) {
            return;
        }
        String project = projects.remove(network);
        dropFrom(byProject, project, network);
        for (String named : intent.named()) {
            dropFrom(namedBy, named, network);
        }
    }

    public boolean contains(String network) {
        return intents.containsKey(network);
    }

    /** Does {@code from} allow {@code to}? Both must be present. */
    public boolean allows(String from, String to) {
        ConnectionIntent intent = intents.get(from);
        ConnectionIntent other = intents.get(to);
        if (intent == null || other == null || from.equals(to)) {
            return false;
        }
        return intent.names(to)
                || (intent.any() && (projects.get(from).equals(projects.get(to)) || other.names(from)));
    }

    /** The networks connected to {@code network}, ordered by name. */
    public SortedSet<String> peersOf(String network) {
        SortedSet<String> peers = new TreeSet<>();
        ConnectionIntent intent = intents.get(network);
        if (intent == null) {
            return peers;
        }
        Set<String> candidates = new HashSet<>(intent.named());
        if (intent.any()) {
            candidates.addAll(byProject.getOrDefault(projects.get(network), Set.of()));
            candidates.addAll(namedBy.getOrDefault(network, Set.of()));
        }
        for (String candidate : candidates) {
            if (allows(network, candidate) && allows(candidate, network)) {
                peers.add(candidate);
            }
        }
        return peers;
    }

    private static void dropFrom(Map<String, Set<String>> index, String key, String network) {
        Set<String> members = index.get(key);
        if (members != null) {
            members.remove(network);
            if (members.isEmpty()) {
                index.remove(key);
            }
        }
    }
}
