package io.filament.analytics.uve;

import static io.filament.analytics.fixtures.StatusRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import io.filament.analytics.status.StatusRecord;
import io.filament.contracts.status.StatusTable;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The merged UVE depends on what was reported and when, not on the order records arrive in. */
class UveMergeOrderTest {

    @Property(tries = 200)
    void arrivalOrderDoesNotChangeTheMergedView(@ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 5) Integer> sources,
                                                @ForAll long seed) {
        List<StatusRecord> records = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            int s = sources.get(i);
            records.add(record("ObjectVNTable", "vn", "agent/host" + s, 1000 + i,
                    "{\"UveVirtualNetworkAgent\":{\"interface_list\":[\"vmi-" + s + "\",\"vmi-" + i + "\"],"
                            + "\"in_bytes\":" + (i * 7 + s) + ",\"acl\":\"acl-" + i + "\"}}",
                    "{\"UveVirtualNetworkAgent\":{\"in_bytes\":\"sum\"}}"));
        }
        List<StatusRecord> shuffled = new ArrayList<>(records);
        Collections.shuffle(shuffled, new Random(seed));

        assertThat(mergedAfter(shuffled)).isEqualTo(mergedAfter(records));
    }

    private static String mergedAfter(List<StatusRecord> records) {
        InMemoryUveStore store = new InMemoryUveStore();
        records.forEach(store::apply);
        return new UveMerger().merge(store.contributions(new UveKey(StatusTable.VIRTUAL_NETWORK, "vn")).orElseThrow(),
                UveFilter.FLAT).toString();
    }
}
