package io.filament.cli.infra;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
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
}
