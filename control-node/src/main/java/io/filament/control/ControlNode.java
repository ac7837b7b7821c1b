package io.filament.control;

import io.filament.contracts.xmpp.XmppAddresses;
import io.filament.control.config.ConfigService;
import io.filament.control.rib.RibService;
import io.filament.control.status.ControlNodeCounters;
import io.filament.control.xmpp.netty.TlsContexts;
import io.filament.control.xmpp.netty.XmppServer;
import io.filament.control.xmpp.netty.XmppServerInitializer;
import io.filament.control.xmpp.peer.AgentPeer;
import io.filament.control.xmpp.peer.PeerLimits;
import io.filament.control.xmpp.peer.PeerRegistry;
import io.filament.control.xmpp.session.AgentAuthenticator;
import io.filament.control.xmpp.session.AgentCredentials;
import io.filament.control.xmpp.session.SessionSettings;
import io.filament.control.xmpp.session.XmppServerSession;
import io.filament.control.xmpp.wire.StanzaLimits;
import io.netty.handler.ssl.SslContext;

import java.io.File;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Composition root of the control node's runtime: RIB and config threads, the agent registry and the XMPP
 * server wired to them. Spring builds it from properties; tests and the benchmark build it directly.
 */
public final class ControlNode implements AutoCloseable {

    /**
     * @param certificate         PEM certificate for STARTTLS; with {@code key}. Absent: a self-signed one is generated
     * @param gracefulRestartTime how long a lost agent's paths are kept stale; zero withdraws them at once
     */
    public record Settings(InetSocketAddress xmppAddress, SessionSettings session, StanzaLimits stanzaLimits,
                           PeerLimits peerLimits, Path secretsFile, Optional<File> certificate, Optional<File> key,
                           Duration endOfRibDelay, Duration gracefulRestartTime, int workerThreads) {
    }

    private final RibService rib;
    private final ConfigService config;
    private final PeerRegistry peers;
    private final ControlNodeCounters counters;
    private final XmppServer server;

    private ControlNode(RibService rib, ConfigService config, PeerRegistry peers, ControlNodeCounters counters,
                        XmppServer server) {
        this.counters = counters;
        this.rib = rib;
        this.config = config;
        this.peers = peers;
        this.server = server;
    }

    public static ControlNode start(Settings settings, Clock clock) throws Exception {
        RibService rib = new RibService(settings.endOfRibDelay(), settings.gracefulRestartTime());
        ConfigService config = new ConfigService();
        PeerRegistry peers = new PeerRegistry(clock, rib::stalePaths);
        ControlNodeCounters counters = new ControlNodeCounters();
        AgentCredentials credentials = new AgentCredentials(settings.secretsFile());
        AgentAuthenticator authenticator = new AgentAuthenticator() {
            @Override
            public boolean passwordMatches(String hostname, String password) {
                return credentials.matches(hostname, password);
            }

            @Override
            public boolean isVirtualRouter(String hostname) {
                return config.isVirtualRouter(hostname);
            }
        };
        Optional<SslContext> tls = settings.session().tlsOffered()
                ? Optional.of(settings.certificate().isPresent()
                    ? TlsContexts.fromPem(settings.certificate().get(), settings.key().orElseThrow(
                        () -> new IllegalArgumentException("a TLS certificate needs its key")))
                    : TlsContexts.selfSigned(settings.session().domain()))
                : Optional.empty();
        XmppAddresses addresses = new XmppAddresses(settings.session().domain());
        XmppServerInitializer initializer = new XmppServerInitializer(settings.stanzaLimits(),
                settings.session().holdTime(), tls,
                io -> new XmppServerSession(settings.session(), authenticator,
                        new AgentPeer(addresses, rib, config, peers, settings.peerLimits(), counters, clock), io, clock));
        try {
            XmppServer server = XmppServer.start(settings.xmppAddress(), settings.workerThreads(), initializer);
            return new ControlNode(rib, config, peers, counters, server);
        } catch (Exception e) {
            rib.close();
            config.close();
            throw e;
        }
    }

    public RibService rib() {
        return rib;
    }

    public ConfigService config() {
        return config;
    }

    public ControlNodeCounters counters() {
        return counters;
    }

    public PeerRegistry peers() {
        return peers;
    }

    public InetSocketAddress xmppAddress() {
        return server.localAddress();
    }

    @Override
    public void close() {
        server.close();
        rib.close();
        config.close();
    }
}
