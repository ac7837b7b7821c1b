package io.filament.agent.port;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortRegistryTest {

    @TempDir
    Path state;

    private static Port port(String id, String tap) {
        ObjectNode b = (ObjectNode) PortJsonTest.body(PortJsonTest.NOVA_BODY);
        b.put("id", id);
        b.put("system-name", tap);
        return PortJson.read(b);
    }

    private static final String A = "00000000-0000-4000-8000-00000000000a";
    private static final String B = "00000000-0000-4000-8000-00000000000b";

    @Test
    void restoresPersistedPortsAfterARestart() {
        PortRegistry first = new PortRegistry(new PortStore(state));
        first.add(port(A, "tapa"));
        first.add(port(B, "tapb"));
        first.delete(UUID.fromString(A));

        PortRegistry restarted = new PortRegistry(new PortStore(state));

        assertThat(restarted.all()).containsExactly(port(B, "tapb"));
    }

    @Test
    void restoresPortsInTheOrderTheyWereLastPlugged() throws Exception {
        PortRegistry first = new PortRegistry(new PortStore(state));
        first.add(port(B, "tapb"));
        first.add(port(A, "tapa"));
        Files.setLastModifiedTime(state.resolve("ports").resolve(B), FileTime.fromMillis(2_000_000));
        Files.setLastModifiedTime(state.resolve("ports").resolve(A), FileTime.fromMillis(1_000_000));

        PortRegistry restarted = new PortRegistry(new PortStore(state));

        assertThat(restarted.all()).extracting(Port::systemName).containsExactly("tapa", "tapb");
        restarted.add(port(A, "tapa2"));
        assertThat(restarted.all()).extracting(Port::systemName).containsExactly("tapb", "tapa2");
    }

    @Test
    void tellsANewListenerAboutExistingPortsThenAboutChanges() {
        PortRegistry registry = new PortRegistry(new PortStore(state));
        registry.add(port(A, "tapa"));
        List<String> heard = new ArrayList<>();
        registry.subscribe(new PortListener() {
            public void portAdded(Port p) {
                heard.add("+" + p.systemName());
            }

            public void portDeleted(Port p) {
                heard.add("-" + p.systemName());
            }
        });

        registry.add(port(A, "tapa"));
        registry.add(port(A, "tapa2"));
        registry.delete(UUID.fromString(A));

        assertThat(heard).containsExactly("+tapa", "-tapa", "+tapa2", "-tapa2");
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        PortRegistry registry = new PortRegistry(new PortStore(state));
        List<String> heard = new ArrayList<>();
        registry.subscribe(new PortListener() {
            public void portAdded(Port p) {
                throw new IllegalStateException("listener broke");
            }

            public void portDeleted(Port p) {
            }
        });
        registry.subscribe(new PortListener() {
            public void portAdded(Port p) {
                heard.add(p.systemName());
            }

            public void portDeleted(Port p) {
            }
        });

        registry.add(port(A, "tapa"));

        assertThat(heard).containsExactly("tapa");
    }

    @Test
    void refusesASecondPortWithTheSameTapNameAndKeepsTheFirst() {
        PortRegistry registry = new PortRegistry(new PortStore(state));
        registry.add(port(A, "tapa"));

        assertThatThrownBy(() -> registry.add(port(B, "tapa")))
                .isInstanceOf(PortConflictException.class).hasMessageContaining("system-name 'tapa'");
        assertThat(registry.all()).extracting(Port::id).containsExactly(UUID.fromString(A));
        assertThat(new PortRegistry(new PortStore(state)).all()).hasSize(1);
    }

    @Test
    void deletingAnUnknownPortIsNotFound() {
        PortRegistry registry = new PortRegistry(new PortStore(state));

        assertThatThrownBy(() -> registry.delete(UUID.fromString(A))).isInstanceOf(PortNotFoundException.class);
    }

    @Test
    void reportsAPortFileThatNoLongerParses() throws Exception {
        Files.createDirectories(state.resolve("ports"));
        Files.writeString(state.resolve("ports").resolve(A), "{\"id\":\"" + A + "\"}");

        PortStore.Loaded loaded = new PortStore(state).load();

        assertThat(loaded.ports()).isEmpty();
        assertThat(loaded.rejected()).singleElement().asString().contains("instance-id");
    }

    private static PortListener recorder(List<String> heard) {
        return new PortListener() {
            public void portAdded(Port p) {
                heard.add("+" + p.systemName());
            }

            public void portDeleted(Port p) {
                heard.add("-" + p.systemName());
            }
        };
    }

    @Test
    void aPortWhoseFileCannotBeWrittenIsTakenBackFromTheListenersAndNotKept() throws Exception {
        Files.writeString(state.resolve("ports"), "a file where the port directory belongs");
        PortRegistry registry = new PortRegistry(new PortStore(state));
        List<String> heard = new ArrayList<>();
        registry.subscribe(recorder(heard));

        assertThatThrownBy(() -> registry.add(port(A, "tapa"))).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(A);

        assertThat(heard).containsExactly("+tapa", "-tapa");
        assertThat(registry.all()).isEmpty();
        assertThat(registry.get(UUID.fromString(A))).isEmpty();
    }

    @Test
    void aReplacementWhoseFileCannotBeWrittenGivesTheListenersThePreviousPortBack() throws Exception {
        PortRegistry registry = new PortRegistry(new PortStore(state));
        registry.add(port(A, "tapa"));
        List<String> heard = new ArrayList<>();
        registry.subscribe(recorder(heard));
        Files.createDirectory(state.resolve("ports").resolve("." + A + ".tmp"));

        assertThatThrownBy(() -> registry.add(port(A, "tapa2"))).isInstanceOf(UncheckedIOException.class);

        assertThat(heard).containsExactly("+tapa", "-tapa", "+tapa2", "-tapa2", "+tapa");
        assertThat(registry.all()).containsExactly(port(A, "tapa"));
        assertThat(new PortRegistry(new PortStore(state)).all()).containsExactly(port(A, "tapa"));
    }

    @Test
    void listenersHearOfAPortWhileItsFileIsStillToBeWritten() {
        PortRegistry registry = new PortRegistry(new PortStore(state));
        Path file = state.resolve("ports").resolve(A);
        List<Boolean> fileExistedWhenHeard = new ArrayList<>();
        registry.subscribe(new PortListener() {
            public void portAdded(Port p) {
                fileExistedWhenHeard.add(Files.exists(file));
            }

            public void portDeleted(Port p) {
            }
        });

        registry.add(port(A, "tapa"));

        assertThat(fileExistedWhenHeard).containsExactly(false);
        assertThat(file).exists();
    }
}
