package io.filament.dataplane.table;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Longest-prefix match over keys of up to 128 bits, as a multibit trie with 8-bit strides (the shape of the
 * vRouter's mtrie: 4 levels for IPv4, 16 for IPv6). Each node has 256 slots; a slot holds the best next hop of the
 * prefixes that end inside this level and cover it, and a child node for longer prefixes. Lookup walks at most one
 * node per key byte and keeps the last leaf it passed. The exact prefixes are kept beside the trie so that a delete
 * can recompute the slots it uncovered.
 *
 * <p>Keys are two longs (high, low); an IPv4 address sits in the top 32 bits of {@code high}. Not thread-safe:
 * one owner thread (see PIPELINE.md).
 */
public final class MultibitTrie {

    /** Value stored for "no route". */
    public static final int MISS = -1;
    private static final int STRIDE = 8;
    private static final int FANOUT = 1 << STRIDE;

    private final int maxLength;
    private final Node root = new Node();
    private final Map<Prefix, Integer> prefixes = new HashMap<>();

    /** One prefix of this table: key bits beyond {@code length} are zero. */
    public record Prefix(long high, long low, int length) {
    }

    private static final class Node {
        final int[] leaf = new int[FANOUT];
        final Node[] child = new Node[FANOUT];
        int used;

        Node() {
            java.util.Arrays.fill(leaf, MISS);
        }
    }

    public MultibitTrie(int maxLength) {
        if (maxLength != 32 && maxLength != 128) {
            throw new IllegalArgumentException("maxLength=" + maxLength + ": only 32 (IPv4) or 128 (IPv6)");
        }
        this.maxLength = maxLength;
    }

    public int maxLength() {
        return maxLength;
    }

    public int size() {
        return prefixes.size();
    }

    /** The next hop of the longest prefix covering the key, or {@link #MISS}. Allocation-free. */
    public int lookup(long high, long low) {
        Node node = root;
        int best = MISS;
        int levels = maxLength / STRIDE;
        for (int level = 0; level < levels && node != null; level++) {
            int slot = keyByte(high, low, level);
            int leaf = node.leaf[slot];
            if (leaf != MISS) {
                best = leaf;
            }
            node = node.child[slot];
        }
        return best;
    }

    /** Adds or replaces a prefix; returns the next hop it replaced. */
    public Optional<Integer> put(long high, long low, int length, int nextHop) {
        Prefix p = normalize(high, low, length);
        Integer old = prefixes.put(p, nextHop);
        refresh(p);
        return Optional.ofNullable(old);
    }

    /** Removes a prefix; returns its next hop when it was present. */
    public Optional<Integer> remove(long high, long low, int length) {
        Prefix p = normalize(high, low, length);
        Integer old = prefixes.remove(p);
        if (old != null) {
            refresh(p);
        }
        return Optional.ofNullable(old);
    }

    public Optional<Integer> exact(long high, long low, int length) {
        return Optional.ofNullable(prefixes.get(normalize(high, low, length)));
    }

    public void forEach(BiConsumer<Prefix, Integer> action) {
        prefixes.forEach(action);
    }

    private Prefix normalize(long high, long low, int length) {
        if (length < 0 || length > maxLength) {
            throw new TableException("prefix.length", length, "outside 0.." + maxLength);
        }
        long hiMask = length == 0 ? 0 : length >= 64 ? -1L : -1L << (64 - length);
        long loMask = length <= 64 ? 0 : length == 128 ? -1L : -1L << (128 - length);
        return new Prefix(high & hiMask, low & loMask, length);
    }

    /** Recomputes every slot the prefix's range touches at the level where the prefix ends. */
    private void refresh(Prefix p) {
        int level = p.length() == 0 ? 0 : (p.length() - 1) / STRIDE;
        Node node = root;
        Node[] path = new Node[level + 1];
        int[] slots = new int[level + 1];
        for (int l = 0; l < level; l++) {
            int slot = keyByte(p.high(), p.low(), l);
            if (node.child[slot] == null) {
                node.child[slot] = new Node();
                node.used++;
            }
            path[l] = node;
            slots[l] = slot;
            node = node.child[slot];
        }
        int levelEnd = (level + 1) * STRIDE;
        int span = 1 << (levelEnd - p.length());
        int first = keyByte(p.high(), p.low(), level) & ~(span - 1);
        for (int s = first; s < first + span; s++) {
            node.leaf[s] = bestAt(p, level, s);
        }
        prune(path, slots, node, level);
    }

    /** The longest stored prefix ending in this level that covers slot {@code s} under the prefix's path. */
    private int bestAt(Prefix p, int level, int s) {
        int levelStart = level * STRIDE;
        long[] key = withByte(p.high(), p.low(), level, s);
        for (int len = levelStart + STRIDE; len > levelStart || (len == 0 && level == 0); len--) {
            Prefix candidate = normalize(key[0], key[1], len);
            Integer nh = prefixes.get(candidate);
            if (nh != null) {
                return nh;
            }
            if (len == 0) {
                break;
            }
        }
        return MISS;
    }

    private void prune(Node[] path, int[] slots, Node node, int level) {
        Node current = node;
        for (int l = level - 1; l >= 0; l--) {
            if (current.used > 0 || hasLeaf(current)) {
                return;
            }
            path[l].child[slots[l]] = null;
            path[l].used--;
            current = path[l];
        }
    }

    private static boolean hasLeaf(Node node) {
        for (int v : node.leaf) {
            if (v != MISS) {
                return true;
            }
        }
        return false;
    }

    private static int keyByte(long high, long low, int level) {
        return level < 8 ? (int) (high >>> (56 - 8 * level)) & 0xFF : (int) (low >>> (56 - 8 * (level - 8))) & 0xFF;
    }

    private static long[] withByte(long high, long low, int level, int value) {
        if (level < 8) {
            int shift = 56 - 8 * level;
            return new long[] {(high & ~(0xFFL << shift)) | ((long) value << shift), low};
        }
        int shift = 56 - 8 * (level - 8);
        return new long[] {high, (low & ~(0xFFL << shift)) | ((long) value << shift)};
    }
}
