package io.filament.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class OwnerThreadTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(OwnerThread.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final OwnerThread thread = new OwnerThread("owner-test");

    @BeforeEach
    void captureLog() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logged);
        thread.shutdownNow();
    }

    @Test
    void aTaskThatThrowsIsLoggedWithItsExceptionAndTheNextTaskStillRuns() throws InterruptedException {
        CountDownLatch next = new CountDownLatch(1);
        thread.execute(() -> {
            throw new IllegalStateException("recompute broke");
        });
        thread.execute(next::countDown);

        assertThat(next.await(5, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> !logged.list.isEmpty());
        ILoggingEvent event = logged.list.getFirst();
        assertThat(event.getLevel()).isEqualTo(Level.ERROR);
        assertThat(event.getFormattedMessage()).contains("owner-test");
        assertThat(event.getThrowableProxy().getMessage()).isEqualTo("recompute broke");
    }

    @Test
    void aDelayedTaskThatThrowsIsLoggedToo() {
        thread.schedule(() -> {
            throw new IllegalArgumentException("timer broke");
        }, 10, TimeUnit.MILLISECONDS);

        await().atMost(Duration.ofSeconds(5)).until(() -> !logged.list.isEmpty());
        assertThat(logged.list.getFirst().getThrowableProxy().getMessage()).isEqualTo("timer broke");
    }

    @Test
    void tasksThatSucceedOrAreCancelledLogNothing() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        thread.schedule(() -> { }, 1, TimeUnit.HOURS).cancel(false);
        thread.execute(done::countDown);

        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        thread.shutdown();
        assertThat(thread.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(logged.list).isEmpty();
    }
}
