package io.filament.control.xmpp.netty;

import io.filament.control.xmpp.session.SessionIo;
import io.filament.control.xmpp.session.XmppServerSession;
import io.filament.control.xmpp.wire.StreamDecodeException;
import io.filament.control.xmpp.wire.StreamEvent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

/**
 * Bridges one channel to its {@link XmppServerSession}: stream events and decode failures in, writes, STARTTLS
 * and stream restarts out. Reader idleness for the hold time is the hold timer; writer idleness for a third of
 * it sends a whitespace keepalive.
 */
public final class XmppSessionHandler extends ChannelInboundHandlerAdapter implements SessionIo {

    private static final String KEEPALIVE = " ";

    private final Function<SessionIo, XmppServerSession> sessions;
    private final Optional<SslContext> tls;
    private ChannelHandlerContext ctx;
    private XmppServerSession session;

    public XmppSessionHandler(Function<SessionIo, XmppServerSession> sessions, Optional<SslContext> tls) {
        this.sessions = sessions;
        this.tls = tls;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.session = sessions.apply(this);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        switch (msg) {
            case StreamEvent e -> session.onEvent(e);
            case StreamDecodeException e -> session.onDecodeError(e);
            default -> ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.READER_IDLE) {
                session.onHoldTimerExpired();
            } else if (idle.state() == IdleState.WRITER_IDLE && ctx.channel().isActive()) {
                write(KEEPALIVE);
            }
        } else if (evt instanceof SslHandshakeCompletionEvent done) {
            session.onTlsHandshake(done.isSuccess());
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        session.onConnectionLost();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    @Override
    public void write(String xml) {
        // exact size: writeUtf8(alloc, s) reserves 3 bytes per char, which pushes batches out of the pooled sizes
        ByteBuf buf = ctx.alloc().buffer(ByteBufUtil.utf8Bytes(xml));
        buf.writeCharSequence(xml, StandardCharsets.UTF_8);
        ctx.writeAndFlush(buf);
    }

    @Override
    public void startTls(String proceed) {
        SslContext context = tls.orElseThrow(() -> new IllegalStateException("STARTTLS offered without a TLS context"));
        SslHandler ssl = context.newHandler(ctx.alloc());
        ctx.pipeline().addFirst("tls", ssl);
        write(proceed);
    }

    @Override
    public void restartStream() {
        ctx.pipeline().get(XmppStreamDecoder.class).restartStream();
    }

    @Override
    public void close() {
        ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public String remoteAddress() {
        return String.valueOf(ctx.channel().remoteAddress());
    }

    @Override
    public void execute(Runnable task) {
        ctx.executor().execute(task);
    }
}
