package io.filament.dataplane.io.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filament.dataplane.io.Namespaces;
import io.filament.testsupport.RequiresRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@RequiresRoot
class NetworkNamespaceIT {

    private final Namespaces namespaces = new Namespaces();

    @AfterEach
    void cleanUp() {
        namespaces.close();
    }

    private static String current() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String of(String path) throws IOException {
        return "net:[" + Files.getAttribute(Path.of(path), "unix:ino") + "]";
    }

    @Test
    void runsTheActionInsideTheNamespaceAndReturnsTheThreadToItsOwn() throws IOException {
        String ns = namespaces.create("nn");
        String home = current();
        try (NetworkNamespace n = NetworkNamespace.open("/var/run/netns/" + ns)) {
            String inside = n.enter(NetworkNamespaceIT::current);

            assertThat(inside).isEqualTo(of("/var/run/netns/" + ns)).isNotEqualTo(home);
            assertThat(current()).isEqualTo(home);
        }
    }

    @Test
    void returnsTheThreadToItsNamespaceWhenTheActionThrows() {
        String ns = namespaces.create("nt");
        String home = current();
        try (NetworkNamespace n = NetworkNamespace.open("/var/run/netns/" + ns)) {
            assertThatThrownBy(() -> n.enter(() -> {
                throw new IllegalArgumentException("refused inside");
            })).hasMessage("refused inside");
            assertThat(current()).isEqualTo(home);
        }
    }

    @Test
    void refusesToOpenAMissingNamespaceWithItsErrno() {
        assertThatThrownBy(() -> NetworkNamespace.open("/var/run/netns/" + namespaces.prefix() + "none"))
                .isInstanceOf(NativeCallException.class).hasMessageContaining("No such file or directory")
                .satisfies(e -> assertThat(((NativeCallException) e).errno()).isEqualTo(2));
    }
}
