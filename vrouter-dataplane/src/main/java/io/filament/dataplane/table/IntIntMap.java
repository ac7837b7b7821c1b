package io.filament.dataplane.table;

import java.util.Arrays;
import java.util.function.BiConsumer;

/** Open-addressing map from non-negative int keys to int values, so lookups never box. Capacity is fixed. */
final class IntIntMap {

    private static final int EMPTY = -1;
    private final int[] keys;
    private final int[] values;
    private final int mask;
    private int size;

    IntIntMap(int capacity) {
        int n = Integer.highestOneBit(Math.max(4, capacity) * 2 - 1) << 1;
        keys = new int[n];
        values = new int[n];
        mask = n - 1;
        Arrays.fill(keys, EMPTY);
    }

    int get(int key, int missing) {
        for (int i = mix(key) & mask, probes = 0; probes <= mask; i = (i + 1) & mask, probes++) {
            if (keys[i] == key) {
                return values[i];
            }
            if (keys[i] == EMPTY) {
                return missing;
            }
        }
        return missing;
    }

    boolean put(int key, int value) {
        int i = mix(key) & mask;
        while (keys[i] != EMPTY && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (keys[i] == EMPTY) {
            if (size + 1 > (mask + 1) / 2) {
                return false;
            }
            size++;
        }
        keys[i] = key;
        values[i] = value;
        return true;
    }

    /** Removes with backward-shift deletion, keeping every probe chain intact. */
    void remove(int key) {
        int i = mix(key) & mask;
        while (keys[i] != key) {
            if (keys[i] == EMPTY) {
                return;
            }
            i = (i + 1) & mask;
        }
        size--;
        int hole = i;
        for (int j = (hole + 1) & mask; keys[j] != EMPTY; j = (j + 1) & mask) {
            int home = mix(keys[j]) & mask;
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        keys[hole] = EMPTY;
    }

    int size() {
        return size;
    }

    void forEach(BiConsumer<Integer, Integer> action) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                action.accept(keys[i], values[i]);
            }
        }
    }

    private static int mix(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
