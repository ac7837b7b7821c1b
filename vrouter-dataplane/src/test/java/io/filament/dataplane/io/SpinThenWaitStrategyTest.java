package io.filament.dataplane.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When the packet loop polls without sleeping, and when it blocks. */
class SpinThenWaitStrategyTest {

    private static final Duration SPIN = Duration.ofNanos(200_000);
    private long now = 1_000_000_000L;
    private int ready;
    private int polls;
    private final IntSupplier selectNow = () -> {
        polls++;
        return ready;
    };

    private SpinThenWaitStrategy strategy(Duration spin) {
        return new SpinThenWaitStrategy(spin, () -> now);
    }

    @Test
    void anIdleLoopBlocksWithoutPolling() throws Exception {
        SpinThenWaitStrategy strategy = strategy(SPIN);

        assertThat(strategy.calculateStrategy(selectNow, false)).isEqualTo(SelectStrategy.SELECT);
        assertThat(polls).isZero();
    }

    @Test
    void afterAWakeUpItPollsForTheSpinWindowAndThenBlocksAgain() throws Exception {
        SpinThenWaitStrategy strategy = strategy(SPIN);
        strategy.calculateStrategy(selectNow, false);

        // back from epoll_wait: the window starts now
        assertThat(strategy.calculateStrategy(selectNow, false)).isEqualTo(SelectStrategy.CONTINUE);
        now += 199_000;
        assertThat(strategy.calculateStrategy(selectNow, false)).isEqualTo(SelectStrategy.CONTINUE);
        assertThat(polls).isEqualTo(2);
        now += 1_000;
        assertThat(strategy.calculateStrategy(selectNow, false)).isEqualTo(SelectStrategy.SELECT);
    }

    @Test
    void readyDescriptorsFoundWhileSpinningAreHandledAndRestartTheWindow() throws Exception {
        SpinThenWaitStrategy strategy = strategy(SPIN);
        strategy.calculateStrategy(selectNow, false);
        strategy.calculateStrategy(selectNow, false);

        now += 150_000;
        ready = 3;
        assertThat(strategy.calculateStrategy(selectNow, false)).isEqualTo(3);
        ready = 0;
        now += 150_000;
        assertThat(strategy.calculateStrategy(selectNow, false)).isEqualTo(SelectStrategy.CONTINUE);
        now += 50_000;
        assertThat(strategy.calculateStrategy(selectNow, false)).isEqualTo(SelectStrategy.SELECT);
    }

    @Test
    void pendingTasksNeverBlockAndNeverSpin() throws Exception {
        SpinThenWaitStrategy strategy = strategy(SPIN);

        assertThat(strategy.calculateStrategy(selectNow, true)).isZero();
        ready = 2;
        assertThat(strategy.calculateStrategy(selectNow, true)).isEqualTo(2);
        assertThat(polls).isEqualTo(2);
    }

    @Test
    void aZeroWindowNeverSpins() throws Exception {
        SpinThenWaitStrategy strategy = strategy(Duration.ZERO);
        strategy.calculateStrategy(selectNow, false);

        assertThat(strategy.calculateStrategy(selectNow, false)).isEqualTo(SelectStrategy.SELECT);
        assertThat(polls).isZero();
    }
}
