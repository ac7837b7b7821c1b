package io.filament.dataplane.io.fabric;

import io.filament.dataplane.forward.ForwardingEngine;
import io.filament.dataplane.io.PacketLoop;
import io.filament.dataplane.io.linux.Libc;
import io.filament.dataplane.io.linux.NativeCallException;
import io.filament.dataplane.offload.TcpCoalescer;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.unix.SegmentedDatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receive side of the fabric: UDP sockets on the host's fabric address for MPLS over UDP (6635) and VXLAN (4789),
 * on Netty's epoll transport with {@code UDP_GRO}: a run of datagrams the sender
 * passed as one GSO packet arrives in one {@code recvmsg} of up to 64 KiB, and Netty hands it over datagram by
 * datagram (the receive buffer holds one read, which makes Netty use {@code recvmsg} with the GRO segment size
 * rather than {@code recvmmsg}, which does not report it). The sockets are registered on the dataplane's
 * {@link PacketLoop}, which cuts a read at its segment size and feeds each socket's datagrams through its
 * {@link TcpCoalescer} (which copies them behind the pipeline's headroom and merges in-order TCP segments) into the
 * pipeline; the end of a read batch flushes what is pending. Closing the receiver closes its sockets, not the loop.
 */
public final class FabricReceiver implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FabricReceiver.class);
    private static final int MAX_DATAGRAM = 65535;
    private static final int SO_RCVBUFFORCE = 33;
    /**
     * Room for about a hundred GRO super-packets: a TCP stream rides out a scheduling gap of the receive thread
     * without loss (2 MiB lost segments at load 30, 16 MiB held over a second of small datagrams once the thread
     * fell behind; a deeper queue only adds latency).
     */
    private static final int RECEIVE_BUFFER = 8 << 20;

    private final ForwardingEngine engine;
    private final EventLoopGroup group;
    private final List<Channel> channels = new ArrayList<>();

    public FabricReceiver(ForwardingEngine engine, PacketLoop loop) {
        this.engine = engine;
        this.group = loop.group();
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
                    .option(ChannelOption.SO_RCVBUF, RECEIVE_BUFFER)
                    .option(ChannelOption.SO_REUSEADDR, false)
                    .option(EpollChannelOption.UDP_GRO, true)
                    .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                    .handler(new Handler(port));
            ChannelFuture bound = b.bind(new InetSocketAddress(address, port)).await();
            if (!bound.isSuccess()) {
                close();
                throw new FabricPortInUseException(address, port, bound.cause());
            }
            channels.add(bound.channel());
            forceReceiveBuffer((EpollDatagramChannel) bound.channel());
        }
    }

    /** SO_RCVBUF is capped by net.core.rmem_max; as root the dataplane may go beyond it. */
    private static void forceReceiveBuffer(EpollDatagramChannel channel) {
        try {
            Libc.setsockopt(channel.fd().intValue(), Libc.SOL_SOCKET, SO_RCVBUFFORCE, RECEIVE_BUFFER,
                    "setsockopt(SO_RCVBUFFORCE)");
        } catch (NativeCallException e) {
            log.info("fabric receive buffer left at the system limit: {}", e.getMessage());
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<DatagramPacket> {
        private final TcpCoalescer coalescer;

        Handler(int port) {
            this.coalescer = new TcpCoalescer(port, engine::fromFabric);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf content = packet.content();
            InetSocketAddress sender = packet.sender();
            // Inet4Address.hashCode() is the address itself: no byte[] copy per datagram.
            int source = sender.getAddress().hashCode();
            int port = sender.getPort();
            int at = content.readerIndex();
            int end = content.writerIndex();
            // A GRO read Netty left whole: datagrams of segmentSize bytes back to back (the last may be shorter).
            int step = packet instanceof SegmentedDatagramPacket gro && gro.segmentSize() > 0
                    ? gro.segmentSize() : end - at;
            for (; at < end; at += step) {
                coalescer.offer(source, port, content, at, Math.min(step, end - at));
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            coalescer.flush();
            engine.flushTransmit();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            coalescer.close();
        }
    }

    @Override
    public void close() {
        for (Channel c : channels) {
            c.close().syncUninterruptibly();
        }
        channels.clear();
    }
}
