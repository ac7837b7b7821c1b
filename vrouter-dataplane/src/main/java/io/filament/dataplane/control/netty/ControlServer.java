package io.filament.dataplane.control.netty;

import io.filament.dataplane.control.ControlService;
import io.filament.dataplane.control.wire.ControlCodec;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's control socket: a Unix domain stream socket on Netty's epoll transport, length-prefixed frames
 * ({@link ControlCodec}), one request answered at a time on the {@code control} thread; the replies to the
 * requests of one read are flushed together. A client that goes away
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
                .childHandler(new ControlChannelInitializer(service, maxRequestBytes)).bind(new DomainSocketAddress(socketPath.toFile())).sync().channel();
        log.info("control socket listening on {}", socketPath);
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
