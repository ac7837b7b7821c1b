package io.filament.agent.status;

import io.filament.contracts.status.StatusTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ContributedKeysTest {

    @TempDir
    Path state;

    private final ContributedKeys keys = ContributedKeys.inMemory();

    @Test
    void replacingATablesKeysReturnsTheKeysThatWentAway() {
        assertThat(keys.replace(StatusTable.VIRTUAL_NETWORK, Set.of("red", "blue"), true)).isEmpty();

        assertThat(keys.replace(StatusTable.VIRTUAL_NETWORK, Set.of("blue", "green"), true)).containsExactly("red");
        assertThat(keys.replace(StatusTable.VIRTUAL_MACHINE_INTERFACE, Set.of("vmi1"), true)).isEmpty();
        assertThat(keys.replace(StatusTable.VIRTUAL_NETWORK, Set.of(), false)).containsExactly("blue", "green");
    }

    @Test
    void drainingReturnsEveryKeyHeldOnceAndForgetsThem() {
        keys.replace(StatusTable.VROUTER, Set.of("host1"), true);
        keys.replace(StatusTable.VIRTUAL_NETWORK, Set.of("red", "blue"), true);
        keys.replace(StatusTable.CONFIG_OBJECT, Set.of(), true);

        var all = keys.drain();

        assertThat(all).containsOnlyKeys(StatusTable.VROUTER, StatusTable.VIRTUAL_NETWORK);
        assertThat(all.get(StatusTable.VIRTUAL_NETWORK)).containsExactly("blue", "red");
        assertThat(keys.drain()).isEmpty();
        assertThat(keys.replace(StatusTable.VIRTUAL_NETWORK, Set.of("red"), true)).isEmpty();
    }

    @Test
    void keysAKilledRunHeldAreWithdrawnOnceSettledUnlessReportedAgain() {
        ContributedKeys killed = ContributedKeys.keptIn(state);
        killed.replace(StatusTable.VIRTUAL_MACHINE_INTERFACE, Set.of("vmi1", "vmi2", "vmi3"), true);
        killed.replace(StatusTable.VROUTER, Set.of("host1"), true);

        ContributedKeys restarted = ContributedKeys.keptIn(state);

        assertThat(restarted.replace(StatusTable.VIRTUAL_MACHINE_INTERFACE, Set.of("vmi1"), false))
                .as("while a port may still wait for its config").isEmpty();
        assertThat(restarted.replace(StatusTable.VIRTUAL_MACHINE_INTERFACE, Set.of("vmi1", "vmi3"), true))
                .containsExactly("vmi2");
        assertThat(restarted.replace(StatusTable.VIRTUAL_MACHINE_INTERFACE, Set.of("vmi1", "vmi3"), true)).isEmpty();
        assertThat(restarted.drain()).containsOnlyKeys(StatusTable.VROUTER, StatusTable.VIRTUAL_MACHINE_INTERFACE);
    }

    @Test
    void aRunThatWithdrewEverythingLeavesNothingForTheNext() {
        ContributedKeys stopped = ContributedKeys.keptIn(state);
        stopped.replace(StatusTable.VIRTUAL_NETWORK, Set.of("red"), true);
        stopped.drain();

        assertThat(ContributedKeys.keptIn(state).drain()).isEmpty();
    }

    @Test
    void anUnreadableFileLeavesNothingToWithdrawInsteadOfStoppingTheAgent() throws Exception {
        Files.writeString(state.resolve(ContributedKeys.FILE_NAME), "{\"ObjectVRouter\": [\"host1\"");

        assertThat(ContributedKeys.keptIn(state).drain()).isEmpty();
    }
}
