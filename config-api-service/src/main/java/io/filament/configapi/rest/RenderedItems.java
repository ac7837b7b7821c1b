package io.filament.configapi.rest;

import io.filament.configapi.store.ListedObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Detail-list items already rendered to JSON (UTF-8 bytes), reused while the object keeps its version: the listing still reads
 * every row (and its version) from the store, but an unchanged object is not parsed and rendered again.
 */
final class RenderedItems {

    private record Item(long version, String base, byte[] json) {
    }

    private static final int MAX_ITEMS = 200_000;

    private final Map<String, Item> items = new ConcurrentHashMap<>();

    byte[] get(ListedObject row, String base, Supplier<byte[]> render) {
        Item cached = items.get(row.uuid());
        if (cached != null && cached.version() == row.version() && cached.base().equals(base)) {
            return cached.json();
        }
        byte[] json = render.get();
        if (items.size() >= MAX_ITEMS) {
            items.clear();
        }
        items.put(row.uuid(), new Item(row.version(), base, json));
        return json;
    }
}
