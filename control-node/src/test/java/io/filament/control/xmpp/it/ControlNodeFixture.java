package io.filament.control.xmpp.it;

import io.filament.control.ControlNode;
import io.filament.control.config.ConfigObject;
import io.filament.control.config.ConfigRef;
import io.filament.control.rib.RoutingInstanceSpec;
import io.filament.control.xmpp.peer.PeerLimits;
import io.filament.control.xmpp.session.SessionSettings;
import io.filament.control.xmpp.wire.StanzaLimits;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A real control node on an ephemeral loopback port with three virtual-routers (host1..host3) and three
 * networks: red and blue connected (each imports the other's export target), green on its own.
 */
final class ControlNodeFixture implements AutoCloseable {

    static final String DOMAIN = "contrailsystems.com";
    static final String RED = "default-domain:demo:red:red";
    static final String BLUE = "default-domain:demo:blue:blue";
    static final String GREEN = "default-domain:demo:green:green";

    final Path dir;
    final Path secrets;
    final ControlNode node;

    ControlNodeFixture(boolean tlsOffered, boolean tlsRequired) throws Exception {
        this(new SessionSettings(DOMAIN, tlsOffered, tlsRequired, false, Duration.ofSeconds(90)), PeerLimits.DEFAULT);
    }

    ControlNodeFixture(SessionSettings session, PeerLimits limits) throws Exception {
        this(session, limits, Duration.ZERO);
    }

    ControlNodeFixture(SessionSettings session, PeerLimits limits, Duration gracefulRestartTime) throws Exception {
        dir = Files.createTempDirectory("control-node-it");
        secrets = dir.resolve("xmpp-agents");
        Files.writeString(secrets, "host1:secret1\nhost2:secret2\nhost3:secret3\n");
        node = ControlNode.start(new ControlNode.Settings(new InetSocketAddress("127.0.0.1", 0),
                session, StanzaLimits.DEFAULT, limits, secrets, Optional.empty(), Optional.empty(),
                Duration.ofMillis(200), gracefulRestartTime, 2), Clock.systemUTC());
        node.config().change(g -> List.of("host1", "host2", "host3").forEach(h -> g.put(virtualRouter(h)))).join();
        node.rib().applySpec(spec(RED, Set.of("target:64512:8000001", "target:64512:8000002"), "target:64512:8000001")).join();
        node.rib().applySpec(spec(BLUE, Set.of("target:64512:8000002", "target:64512:8000001"), "target:64512:8000002")).join();
        node.rib().applySpec(spec(GREEN, Set.of("target:64512:8000003"), "target:64512:8000003")).join();
    }

    InetSocketAddress address() {
        return node.xmppAddress();
    }

    static ConfigObject virtualRouter(String host) {
        return new ConfigObject("virtual-router", "vr-" + host, 1, List.of("default-global-system-config", host),
                Optional.of("global-system-config"), new TreeMap<>(), List.<ConfigRef>of());
    }

    static RoutingInstanceSpec spec(String name, Set<String> imports, String export) {
        return new RoutingInstanceSpec(name, name.substring(0, name.lastIndexOf(':')), imports, Set.of(export));
    }

    void addCredential(String host, String password) throws IOException {
        Files.writeString(secrets, host + ":" + password + "\n", java.nio.file.StandardOpenOption.APPEND);
    }

    @Override
    public void close() throws IOException {
        node.close();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }
}
