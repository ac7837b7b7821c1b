package io.filament.dataplane.io;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The dataplane's one packet thread ({@code packet-io}): a Netty epoll event loop on which the fabric's UDP sockets
 * and every VM port's TAP device are registered. One thread reads both sides, so the reply a VM writes while the
 * loop is still writing its request into the VM's TAP is read by the next turn of the same loop, without waking
 * another thread; and the forwarding lock is taken by one thread only, apart from the control socket's rare changes.
 *
 * <p>After it handled I/O, the loop keeps polling without sleeping for {@code spin} ({@link SpinThenWaitStrategy}):
 * the answer to a packet it just sent usually comes back within that time, and is then read without the wake-up of
 * a sleeping thread, which costs tens to hundreds of microseconds on a virtual machine. {@link Duration#ZERO} turns
 * that off.
 */
public final class PacketLoop implements AutoCloseable {

    private final MultiThreadIoEventLoopGroup group;

    public PacketLoop(Duration spin) {
        this.group = new MultiThreadIoEventLoopGroup(1,
                (ThreadFactory) r -> Thread.ofPlatform().name("packet-io").daemon(true).unstarted(r),
                EpollIoHandler.newFactory(0, () -> new SpinThenWaitStrategy(spin)));
    }

    /** The group to bind channels on: it has exactly one loop. */
    public EventLoopGroup group() {
        return group;
    }

    /** The loop itself, to register other file descriptors on. */
    public IoEventLoop loop() {
        return (IoEventLoop) group.next();
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
