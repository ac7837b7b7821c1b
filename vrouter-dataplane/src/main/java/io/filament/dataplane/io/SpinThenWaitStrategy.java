package io.filament.dataplane.io;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Adaptive polling for the packet loop: while less than {@code spin} has passed since the loop last had something
 * to do, it polls without blocking ({@code epoll_wait} with a zero timeout) and yields the processor between polls
 * to whatever else is runnable; after that it blocks in {@code epoll_wait} as usual. An idle dataplane therefore costs
 * nothing, a busy one never sleeps between packets, and a lone packet's answer arriving within {@code spin} is seen
 * at once. Used by the loop's own thread only.
 */
final class SpinThenWaitStrategy implements SelectStrategy {

    private final long spinNanos;
    private final LongSupplier nanoTime;
    private long lastActive = Long.MIN_VALUE / 2;
    private boolean blocked;

    SpinThenWaitStrategy(Duration spin) {
        this(spin, System::nanoTime);
    }

    /** With the monotonic clock to measure the window by. */
    SpinThenWaitStrategy(Duration spin, LongSupplier nanoTime) {
        this.spinNanos = spin.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
        long now = nanoTime.getAsLong();
        if (blocked) {
            // Back from a blocking wait: it ended because something happened.
            blocked = false;
            lastActive = now;
        }
        if (hasTasks || now - lastActive < spinNanos) {
            int ready = selectNow.get();
            if (ready > 0) {
                lastActive = now;
            }
            if (ready > 0 || hasTasks) {
                return ready;
            }
            Thread.yield();
            return SelectStrategy.CONTINUE;
        }
        blocked = true;
        return SelectStrategy.SELECT;
    }
}
