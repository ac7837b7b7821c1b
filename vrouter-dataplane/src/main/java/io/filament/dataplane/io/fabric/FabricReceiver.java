package io.filament.dataplane.io.fabric;

import io.filament.dataplane.forward.ForwardingEngine;
import io.filament.dataplane.forward.Forwarder;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetAddress;
import io.netty.channel.socket.SocketProtocolFamily;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Receive side of the fabric: UDP sockets on the host's fabric address for MPLS over UDP (6635) and VXLAN (4789),
 * on Netty's epoll transport with {@code recvmmsg} batching ({@code MAX_DATAGRAM_PAYLOAD_SIZE}). One event-loop
 * thread ({@code fabric-rx}) copies each datagram behind the pipeline's headroom and runs the pipeline.
 */
public final class FabricReceiver implements AutoCloseable {

    private static final int MAX_DATAGRAM = 9216;
    private static final int BATCH = 16;

    private final ForwardingEngine engine;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
            (java.util.concurrent.ThreadFactory) r -> Thread.ofPlatform().name("fabric-rx").daemon(true).unstarted(r),
            EpollIoHandler.newFactory());
    private final List<Channel> channels = new ArrayList<>();

    public FabricReceiver(ForwardingEngine engine) {
        this.engine = engine;
    }

    /**
     * Binds one socket per port on {@code address}, exclusively: a port some other socket already holds on this
     * address (or on the wildcard address) fails the whole bind with {@link FabricPortInUseException}, and the
     * ports bound so far are released again.
     */
    public void bind(InetAddress address, int... ports) throws InterruptedException {
        for (int port : ports) {
            Bootstrap b = new Bootstrap().group(group)
                    .channelFactory(() -> new EpollDatagramChannel(SocketProtocolFamily.INET))
                    .option(ChannelOption.SO_RCVBUF, 8 << 20)
                    .option(ChannelOption.SO_REUSEADDR, false)
                    .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM * BATCH))
                    .handler(new Handler(port));
            ChannelFuture bound = b.bind(new InetSocketAddress(address, port)).await();
            if (!bound.isSuccess()) {
                close();
                throw new FabricPortInUseException(address, port, bound.cause());
            }
            channels.add(bound.channel());
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<DatagramPacket> {
        private final int port;
        private final ByteBuf work = Unpooled.directBuffer(Forwarder.HEADROOM + MAX_DATAGRAM);

        Handler(int port) {
            this.port = port;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf content = packet.content();
            int length = Math.min(content.readableBytes(), MAX_DATAGRAM);
            work.setBytes(Forwarder.HEADROOM, content, content.readerIndex(), length);
            // Inet4Address.hashCode() is the address itself: no byte[] copy per datagram.
            int source = packet.sender().getAddress().hashCode();
            engine.fromFabric(source, port, work, Forwarder.HEADROOM, length);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            work.release();
        }
    }

    @Override
    public void close() {
        for (Channel c : channels) {
            c.close().syncUninterruptibly();
        }
        channels.clear();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
