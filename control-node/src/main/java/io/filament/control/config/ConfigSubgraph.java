package io.filament.control.config;

import tools.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** The part of the config one vRouter is owed: nodes with their properties, and the links among them. */
public record ConfigSubgraph(SortedMap<NodeKey, SortedMap<String, JsonNode>> nodes, SortedSet<ConfigLink> links) {

    public static final ConfigSubgraph EMPTY = new ConfigSubgraph(new TreeMap<>(), new TreeSet<>());

    public ConfigSubgraph {
        nodes = Collections.unmodifiableSortedMap(new TreeMap<>(nodes));
        links = Collections.unmodifiableSortedSet(new TreeSet<>(links));
    }
}
