package io.filament.dataplane.control.netty;

import io.filament.dataplane.control.ControlService;
import io.filament.dataplane.control.wire.ControlCodec;
import io.filament.dataplane.control.wire.ControlDecodeException;
import io.filament.dataplane.control.wire.ControlMessage;
import io.filament.dataplane.control.wire.ControlMessage.ErrorReply;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.codec.TooLongFrameException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's control socket: a Unix domain stream socket on Netty's epoll transport, length-prefixed frames
 * ({@link ControlCodec}), one request answered at a time on the {@code control} thread. A client that goes away
 * changes nothing: the tables stay and forwarding goes on.
 */
public final class ControlServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);

    private final ControlService service;
    private final int maxRequestBytes;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
            (ThreadFactory) r -> Thread.ofPlatform().name("control").daemon(true).unstarted(r),
            EpollIoHandler.newFactory());
    private Channel channel;
    private Path path;

    public ControlServer(ControlService service, int maxRequestBytes) {
        this.service = service;
        this.maxRequestBytes = maxRequestBytes;
    }

    public void bind(Path socketPath) throws IOException, InterruptedException {
        Files.createDirectories(socketPath.toAbsolutePath().getParent());
        Files.deleteIfExists(socketPath);
        this.path = socketPath;
        channel = new ServerBootstrap().group(group).channel(EpollServerDomainSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(maxRequestBytes, 0, 4, 0, 4),
                                new LengthFieldPrepender(4), new RequestHandler());
                    }
                }).bind(new DomainSocketAddress(socketPath.toFile())).sync().channel();
        log.info("control socket listening on {}", socketPath);
    }

    private final class RequestHandler extends SimpleChannelInboundHandler<ByteBuf> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            int id = ControlCodec.peekRequestId(frame);
            ControlMessage reply;
            try {
                ControlCodec.Frame request = ControlCodec.decode(frame);
                reply = service.handle(request.message());
            } catch (ControlDecodeException e) {
                reply = new ErrorReply(ErrorReply.Code.MALFORMED_REQUEST, e.field(), "", e.getMessage());
            }
            ByteBuf out = ctx.alloc().buffer();
            ControlCodec.encode(id, reply, out);
            ctx.writeAndFlush(out);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof TooLongFrameException) {
                ByteBuf out = ctx.alloc().buffer();
                ControlCodec.encode(0, new ErrorReply(ErrorReply.Code.MALFORMED_REQUEST, "length", "",
                        cause.getMessage()), out);
                ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
            } else {
                log.warn("control connection failed: {}", cause.toString());
                ctx.close();
            }
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            log.info("control client connected");
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            log.info("control client disconnected; forwarding continues with the current tables");
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        if (path != null) {
            Files.deleteIfExists(path);
        }
    }
}
