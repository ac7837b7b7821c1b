package io.filament.dataplane.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filament.dataplane.packet.wire.Ipv4Header;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class MultibitTrieTest {

    private static long v4(String a) {
        return ((long) Ipv4Header.parse(a)) << 32;
    }

    @Test
    void longestPrefixWinsAcrossStrideBoundaries() {
        MultibitTrie t = new MultibitTrie(32);
        t.put(0, 0, 0, 1);
        t.put(v4("10.0.0.0"), 0, 8, 2);
        t.put(v4("10.1.0.0"), 0, 16, 3);
        t.put(v4("10.1.1.0"), 0, 24, 4);
        t.put(v4("10.1.1.4"), 0, 32, 5);
        t.put(v4("10.1.1.128"), 0, 25, 6);
        assertThat(t.lookup(v4("10.1.1.4"), 0)).isEqualTo(5);
        assertThat(t.lookup(v4("10.1.1.5"), 0)).isEqualTo(4);
        assertThat(t.lookup(v4("10.1.1.200"), 0)).isEqualTo(6);
        assertThat(t.lookup(v4("10.1.2.1"), 0)).isEqualTo(3);
        assertThat(t.lookup(v4("10.2.0.1"), 0)).isEqualTo(2);
        assertThat(t.lookup(v4("192.168.0.1"), 0)).isEqualTo(1);
    }

    @Test
    void removingAPrefixUncoversTheNextShorterOne() {
        MultibitTrie t = new MultibitTrie(32);
        t.put(v4("10.1.0.0"), 0, 16, 3);
        t.put(v4("10.1.1.0"), 0, 20, 4);
        t.remove(v4("10.1.1.0"), 0, 20);
        assertThat(t.lookup(v4("10.1.1.9"), 0)).isEqualTo(3);
        t.remove(v4("10.1.0.0"), 0, 16);
        assertThat(t.lookup(v4("10.1.1.9"), 0)).isEqualTo(MultibitTrie.MISS);
        assertThat(t.size()).isZero();
    }

    @Test
    void ignoresHostBitsBeyondThePrefixLength() {
        MultibitTrie t = new MultibitTrie(32);
        t.put(v4("10.1.1.77"), 0, 24, 9);
        assertThat(t.exact(v4("10.1.1.0"), 0, 24)).contains(9);
    }

    @Test
    void refusesLengthsBeyondTheFamily() {
        assertThatThrownBy(() -> new MultibitTrie(32).put(0, 0, 33, 1)).isInstanceOf(TableException.class)
                .hasMessageContaining("prefix.length=33");
    }

    @Test
    void matchesIpv6PrefixesInBothWords() {
        MultibitTrie t = new MultibitTrie(128);
        t.put(0xfd00_0001_0000_0000L, 0, 64, 1);
        t.put(0xfd00_0001_0000_0000L, 0x4L, 128, 2);
        t.put(0xfd00_0001_0000_0000L, 0xff00_0000_0000_0000L, 72, 3);
        assertThat(t.lookup(0xfd00_0001_0000_0000L, 4)).isEqualTo(2);
        assertThat(t.lookup(0xfd00_0001_0000_0000L, 5)).isEqualTo(1);
        assertThat(t.lookup(0xfd00_0001_0000_0000L, 0xff12_0000_0000_0001L)).isEqualTo(3);
        assertThat(t.lookup(0xfd00_0002_0000_0000L, 4)).isEqualTo(MultibitTrie.MISS);
    }

    @Property(tries = 200)
    void agreesWithALinearScanAfterRandomInsertsAndDeletes(@ForAll long seed) {
        Random r = new Random(seed);
        MultibitTrie t = new MultibitTrie(32);
        List<long[]> live = new ArrayList<>();
        for (int op = 0; op < 60; op++) {
            if (!live.isEmpty() && r.nextInt(3) == 0) {
                long[] p = live.remove(r.nextInt(live.size()));
                t.remove(p[0], 0, (int) p[1]);
            } else {
                int len = r.nextInt(33);
                long addr = (((long) (0x0A000000 | r.nextInt(1 << 16) << (r.nextBoolean() ? 8 : 0))) << 32)
                        & (len == 0 ? 0 : -1L << (64 - len));
                live.removeIf(p -> p[0] == addr && p[1] == len);
                int nh = r.nextInt(1000);
                live.add(new long[] {addr, len, nh});
                t.put(addr, 0, len, nh);
            }
        }
        for (int probe = 0; probe < 200; probe++) {
            long key = ((long) (0x0A000000 | r.nextInt(1 << 24))) << 32;
            assertThat(t.lookup(key, 0)).isEqualTo(linear(live, key));
        }
    }

    private static int linear(List<long[]> live, long key) {
        int best = MultibitTrie.MISS;
        int bestLen = -1;
        for (long[] p : live) {
            int len = (int) p[1];
            long mask = len == 0 ? 0 : -1L << (64 - len);
            if ((key & mask) == p[0] && len > bestLen) {
                bestLen = len;
                best = (int) p[2];
            }
        }
        return best;
    }
}
