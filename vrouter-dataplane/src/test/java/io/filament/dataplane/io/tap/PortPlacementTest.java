package io.filament.dataplane.io.tap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PortPlacementTest {

    @ParameterizedTest
    @CsvSource({"vm1, /var/run/netns/vm1", "/proc/1/ns/net, /proc/1/ns/net", "/run/netns/a.b, /run/netns/a.b"})
    void findsANamedNamespaceUnderVarRunNetnsAndTakesAPathAsItIs(String namespace, String path) {
        assertThat(new PortPlacement(namespace, "eth0", 2, 1500).namespacePath()).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", ".", "..", "/", "/var/run/netns/../../etc/x", "/x/..", "n\0s"})
    void refusesANamespaceThatIsNeitherANameNorAnAbsolutePath(String namespace) {
        assertThatThrownBy(() -> new PortPlacement(namespace, "eth0", 2, 1500))
                .isInstanceOf(InvalidPlacementException.class)
                .hasMessageStartingWith("interface.namespace=" + namespace + ":")
                .extracting(e -> ((InvalidPlacementException) e).field()).isEqualTo("interface.namespace");
    }

    @ParameterizedTest
    @ValueSource(strings = {"eth0:1", "a/b", "a b", ".", "..", "sixteen-chars-xx", "tab\there"})
    void refusesANewNameTheKernelWouldNotTake(String name) {
        assertThatThrownBy(() -> PortPlacement.requireValid("vm1", name))
                .isInstanceOf(InvalidPlacementException.class)
                .hasMessageStartingWith("interface.rename_to=" + name + ":")
                .extracting(e -> ((InvalidPlacementException) e).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"eth0", "e", "fifteen-chars-x", "net@1", "a.b-c_d"})
    void acceptsInterfaceNamesUpToFifteenBytes(String name) {
        assertThat(new PortPlacement("vm1", name, 2, 1500).renameTo()).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource(value = {"vm1|eth0|tap-x -> ns vm1 as eth0: File exists", "vm1||tap-x -> ns vm1: File exists",
            "|eth0|tap-x: File exists", "vm1|tap-x|tap-x -> ns vm1: File exists"}, delimiter = '|')
    void describesAFailedPlacementByDeviceNamespaceAndNewName(String namespace, String renameTo, String message) {
        PortPlacement p = new PortPlacement(namespace == null ? "" : namespace, renameTo == null ? "" : renameTo, 2,
                1500);

        assertThat(new LinkPlacementException(p, "tap-x", "interface", 17, "File exists")).hasMessage(message);
    }
}
