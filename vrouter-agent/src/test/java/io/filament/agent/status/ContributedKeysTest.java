package io.filament.agent.status;

import io.filament.contracts.status.StatusTable;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ContributedKeysTest {

    private final ContributedKeys keys = new ContributedKeys();

    @Test
    void replacingATablesKeysReturnsTheKeysThatWentAway() {
        assertThat(keys.replace(StatusTable.VIRTUAL_NETWORK, Set.of("red", "blue"))).isEmpty();

        assertThat(keys.replace(StatusTable.VIRTUAL_NETWORK, Set.of("blue", "green"))).containsExactly("red");
        assertThat(keys.replace(StatusTable.VIRTUAL_MACHINE_INTERFACE, Set.of("vmi1"))).isEmpty();
        assertThat(keys.replace(StatusTable.VIRTUAL_NETWORK, Set.of())).containsExactly("blue", "green");
    }

    @Test
    void drainingReturnsEveryKeyHeldOnceAndForgetsThem() {
        keys.replace(StatusTable.VROUTER, Set.of("host1"));
        keys.replace(StatusTable.VIRTUAL_NETWORK, Set.of("red", "blue"));
        keys.replace(StatusTable.CONFIG_OBJECT, Set.of());

        var all = keys.drain();

        assertThat(all).containsOnlyKeys(StatusTable.VROUTER, StatusTable.VIRTUAL_NETWORK);
        assertThat(all.get(StatusTable.VIRTUAL_NETWORK)).containsExactly("blue", "red");
        assertThat(keys.drain()).isEmpty();
        assertThat(keys.replace(StatusTable.VIRTUAL_NETWORK, Set.of("red"))).isEmpty();
    }
}
