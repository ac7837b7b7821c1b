package io.filament.dataplane.control.netty;

import io.filament.dataplane.control.wire.ControlCodec;
import io.filament.dataplane.control.wire.ControlMessage;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** A client of the control socket: sends requests and matches replies by request id. */
public final class ControlClient implements AutoCloseable {

    private static final int MAX_REPLY_BYTES = 256 << 20;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    private final Map<Integer, CompletableFuture<ControlMessage>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Channel channel;

    private ControlClient(Path socket) throws InterruptedException {
        channel = new Bootstrap().group(group).channel(EpollDomainSocketChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(MAX_REPLY_BYTES, 0, 4, 0, 4),
                                new LengthFieldPrepender(4), new ReplyHandler());
                    }
                }).connect(new DomainSocketAddress(socket.toFile())).sync().channel();
    }

    public static ControlClient connect(Path socket) throws InterruptedException {
        return new ControlClient(socket);
    }

    public CompletableFuture<ControlMessage> send(ControlMessage request) {
        int id = ids.incrementAndGet();
        CompletableFuture<ControlMessage> reply = new CompletableFuture<>();
        pending.put(id, reply);
        ByteBuf out = channel.alloc().buffer();
        ControlCodec.encode(id, request, out);
        channel.writeAndFlush(out);
        return reply;
    }

    /** Sends a frame body (type, request id, fields) as it is, to exercise the handling of malformed requests. */
    public CompletableFuture<ControlMessage> sendRaw(int requestId, byte[] body) {
        CompletableFuture<ControlMessage> reply = new CompletableFuture<>();
        pending.put(requestId, reply);
        channel.writeAndFlush(channel.alloc().buffer().writeBytes(body));
        return reply;
    }

    /** Sends a request and waits for its reply. */
    public ControlMessage call(ControlMessage request, Duration timeout) throws IOException {
        try {
            return send(request).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("no reply to " + request.getClass().getSimpleName() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    public ControlMessage call(ControlMessage request) throws IOException {
        return call(request, Duration.ofSeconds(30));
    }

    private final class ReplyHandler extends SimpleChannelInboundHandler<ByteBuf> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            ControlCodec.Frame reply = ControlCodec.decode(frame);
            CompletableFuture<ControlMessage> f = pending.remove(reply.requestId());
            if (f != null) {
                f.complete(reply.message());
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            pending.values().forEach(f -> f.completeExceptionally(new IOException("control socket closed")));
            pending.clear();
        }
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public void close() {
        if (group.isShuttingDown()) {
            return;
        }
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
