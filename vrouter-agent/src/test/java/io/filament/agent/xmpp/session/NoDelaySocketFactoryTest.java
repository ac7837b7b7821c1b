package io.filament.agent.xmpp.session;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NoDelaySocketFactoryTest {

    @Test
    void everySocketItMakesHasNaglesAlgorithmOff() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket server = new ServerSocket(0, 10, loopback)) {
            int port = server.getLocalPort();
            NoDelaySocketFactory f = NoDelaySocketFactory.INSTANCE;
            List<Socket> sockets = new ArrayList<>();
            try {
                Socket unconnected = f.createSocket();
                sockets.add(unconnected);
                unconnected.connect(new InetSocketAddress(loopback, port), 5000);
                sockets.add(f.createSocket("127.0.0.1", port));
                sockets.add(f.createSocket("127.0.0.1", port, loopback, 0));
                sockets.add(f.createSocket(loopback, port));
                sockets.add(f.createSocket(loopback, port, loopback, 0));
                assertThat(sockets).allSatisfy(s -> {
                    assertThat(s.isConnected()).isTrue();
                    assertThat(s.getTcpNoDelay()).as("TCP_NODELAY of %s", s).isTrue();
                });
            } finally {
                for (Socket s : sockets) {
                    s.close();
                }
            }
        }
    }
}
