package io.filament.cli.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PortGuardTest {

    @Test
    void namesThePortItsPurposeAndTheHoldingProcess() throws Exception {
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = held.getLocalPort();
            assertThatThrownBy(() -> PortGuard.requireFree("127.0.0.1", port, "kafka"))
                    .isInstanceOf(InfraException.class)
                    .hasMessageContaining("port 127.0.0.1:" + port + " (kafka) is held by pid "
                            + ProcessHandle.current().pid());
        }
    }

    @Test
    void acceptsAFreePort() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        assertThatCode(() -> PortGuard.requireFree("127.0.0.1", port, "test")).doesNotThrowAnyException();
    }

    @Test
    void aListenerOnAnotherAddressIsNotTheHolder() {
        String host = PortGuard.procAddress("127.0.0.11").orElseThrow();

        assertThat(host).isEqualTo("0B00007F");
        assertThat(PortGuard.listensOn("0B00007F", Optional.of(host))).isTrue();
        assertThat(PortGuard.listensOn("00000000", Optional.of(host))).as("wildcard").isTrue();
        assertThat(PortGuard.listensOn("0000000000000000FFFF00000B00007F", Optional.of(host))).as("mapped").isTrue();
        assertThat(PortGuard.listensOn("0C00007F", Optional.of(host))).as("127.0.0.12").isFalse();
        assertThat(PortGuard.listensOn("0000000000000000FFFF00000C00007F", Optional.of(host))).isFalse();
    }
}
