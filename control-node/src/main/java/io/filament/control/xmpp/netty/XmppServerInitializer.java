package io.filament.control.xmpp.netty;

import io.filament.control.xmpp.session.SessionIo;
import io.filament.control.xmpp.session.XmppServerSession;
import io.filament.control.xmpp.wire.StanzaLimits;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Pipeline of an agent connection: [tls after STARTTLS] → flush consolidation → hold/keepalive timers → stanza
 * framing → session.
 */
public final class XmppServerInitializer extends ChannelInitializer<SocketChannel> {

    private final StanzaLimits limits;
    private final Duration holdTime;
    private final Optional<SslContext> tls;
    private final Function<SessionIo, XmppServerSession> sessions;

    public XmppServerInitializer(StanzaLimits limits, Duration holdTime, Optional<SslContext> tls,
                                 Function<SessionIo, XmppServerSession> sessions) {
        this.limits = limits;
        this.holdTime = holdTime;
        this.tls = tls;
        this.sessions = sessions;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        long hold = holdTime.toMillis();
        ch.pipeline()
                // many small replies and updates per read: one syscall per batch of flushes
                .addLast("flush", new FlushConsolidationHandler(256, true))
                .addLast("timers", new IdleStateHandler(hold, hold / 3, 0, TimeUnit.MILLISECONDS))
                .addLast("framing", new XmppStreamDecoder(limits))
                .addLast("session", new XmppSessionHandler(sessions, tls));
    }
}
