package io.filament.agent.oper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AllocationsTest {

    @TempDir
    Path state;

    private Path journal() {
        return state.resolve("allocations.journal");
    }

    private long journalLines() throws Exception {
        return Files.exists(journal()) ? Files.readAllLines(journal()).size() : 0;
    }

    @Test
    void releasingAllButSomeKeysFreesTheirNumbersAndCountsEveryChange() {
        IndexAllocator labels = new IndexAllocator("label", 16, 20);
        labels.allocate("a");
        labels.allocate("b");
        labels.allocate("c");
        labels.allocate("b");
        assertThat(labels.changeCount()).as("b's second allocation changes nothing").isEqualTo(3);

        labels.releaseAllExcept(Set.of("b"));
        assertThat(labels.held()).containsExactly(Map.entry("b", 17));
        assertThat(labels.changeCount()).isEqualTo(5);
        assertThat(labels.allocate("d")).as("the lowest free number again").isEqualTo(16);
        labels.releaseAllExcept(Set.of("b", "d"));
        assertThat(labels.changeCount()).isEqualTo(6);
    }

    @Test
    void aRestartedAgentGetsEveryNumberBackIncludingOnesThatMovedBetweenKeys() {
        Allocations a = new Allocations(state);
        int portA = a.labels().allocate("port-a");
        a.labels().allocate("port-b");
        a.vrfs().allocate("blue");
        a.interfaces().allocate("port-a");
        a.save();
        a.labels().release("port-a");
        a.save();
        int portC = a.labels().allocate("port-c");
        a.save();

        Allocations restarted = new Allocations(state);

        assertThat(portC).isEqualTo(portA);
        assertThat(restarted.labels().held()).isEqualTo(a.labels().held()).doesNotContainKey("port-a");
        assertThat(restarted.vrfs().held()).isEqualTo(a.vrfs().held());
        assertThat(restarted.interfaces().held()).isEqualTo(a.interfaces().held());
        assertThat(restarted.labels().allocate("port-d")).as("the next free label").isEqualTo(18);
    }

    @Test
    void appendsOnlyWhatChangedAndNothingWhenNothingDid() throws Exception {
        Allocations a = new Allocations(state);
        a.labels().allocate("port-a");
        a.nextHops().allocate("interface:port-a");
        a.save();
        assertThat(journalLines()).isEqualTo(2);

        a.save();
        a.labels().allocate("port-b");
        a.save();

        assertThat(journalLines()).isEqualTo(3);
        assertThat(Files.readAllLines(journal()).getLast()).isEqualTo("{\"t\":\"labels\",\"k\":\"port-b\",\"v\":17}");
    }

    @Test
    void ignoresALastLineTornByACrashAndStartsAFreshJournal() throws Exception {
        Allocations a = new Allocations(state);
        a.labels().allocate("port-a");
        a.save();
        Files.writeString(journal(), "{\"t\":\"labels\",\"k\":\"port-", StandardOpenOption.APPEND);

        Allocations restarted = new Allocations(state);

        assertThat(restarted.labels().held()).containsExactly(Map.entry("port-a", 16));
        assertThat(journal()).doesNotExist();
        restarted.labels().allocate("port-b");
        restarted.save();
        assertThat(new Allocations(state).labels().held()).containsOnlyKeys("port-a", "port-b");
    }

    @Test
    void refusesAJournalWithABadLineBeforeItsEnd() throws Exception {
        Files.writeString(journal(), "not json\n{\"t\":\"labels\",\"k\":\"port-a\",\"v\":16}\n");

        assertThatThrownBy(() -> new Allocations(state)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("allocations.journal line 1 is not JSON");
    }

    @Test
    void refusesAJournalLineForAnUnknownTable() throws Exception {
        Files.writeString(journal(), "{\"t\":\"colours\",\"k\":\"red\",\"v\":1}\n{\"t\":\"vrfs\",\"k\":\"b\",\"v\":1}\n");

        assertThatThrownBy(() -> new Allocations(state)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("line 1 names no known table and key");
    }

    @Test
    void rewritesTheSnapshotOnceTheJournalIsLongAndKeepsEveryNumber() throws Exception {
        Allocations a = new Allocations(state, 10);
        for (int i = 0; i < 10; i++) {
            a.nextHops().allocate("nh-" + i);
            a.save();
        }
        assertThat(journalLines()).isEqualTo(10);
        assertThat(state.resolve("allocations.json")).doesNotExist();

        a.nextHops().allocate("nh-10");
        a.save();

        assertThat(journal()).doesNotExist();
        assertThat(state.resolve("allocations.json")).exists();
        assertThat(new Allocations(state).nextHops().held()).isEqualTo(a.nextHops().held()).hasSize(11);
        a.nextHops().release("nh-0");
        a.save();
        assertThat(journalLines()).isEqualTo(1);
        assertThat(new Allocations(state).nextHops().held()).doesNotContainKey("nh-0").hasSize(10);
    }
}
