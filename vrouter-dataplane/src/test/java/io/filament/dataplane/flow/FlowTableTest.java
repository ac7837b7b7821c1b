package io.filament.dataplane.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class FlowTableTest {

    private record Key(int vrf, long src, long dst, int sport, int dport) {
    }

    @Property(tries = 100)
    void findAgreesWithAMapModelUnderRandomCreatesAndRemovals(@ForAll long seed) {
        Random r = new Random(seed);
        FlowTable table = new FlowTable(64, 16);
        Map<Key, Integer> model = new HashMap<>();
        for (int op = 0; op < 400; op++) {
            Key k = new Key(r.nextInt(3), r.nextInt(8), r.nextInt(8), r.nextInt(4), r.nextInt(4));
            Key rev = new Key(k.vrf, k.dst, k.src, k.dport, k.sport);
            int found = find(table, k);
            if (found >= 0) {
                assertThat(model).containsKey(k);
                table.removePair(found);
                model.remove(k);
                model.remove(rev);
            } else if (find(table, rev) < 0 && table.hasRoomForPair() && !k.equals(rev)) {
                int fwd = table.createPair(FlowTable.hash(k.vrf, 4, 6, k.src, 0, k.dst, 0, k.sport, k.dport), k.vrf,
                        k.vrf, 4, 6, k.src, 0, k.dst, 0, k.sport, k.dport, FlowAction.FORWARD, -1, -1, 0, 0);
                model.put(k, fwd);
                model.put(rev, table.reverseOf(fwd));
            }
            for (Map.Entry<Key, Integer> e : model.entrySet()) {
                assertThat(find(table, e.getKey())).isEqualTo(e.getValue());
            }
            assertThat(table.size()).isEqualTo(model.size());
        }
        List<FlowView> all = table.list();
        assertThat(all).hasSize(model.size());
    }

    private static int find(FlowTable t, Key k) {
        return t.find(FlowTable.hash(k.vrf, 4, 6, k.src, 0, k.dst, 0, k.sport, k.dport), k.vrf, 4, 6, k.src, 0, k.dst,
                0, k.sport, k.dport);
    }
}
