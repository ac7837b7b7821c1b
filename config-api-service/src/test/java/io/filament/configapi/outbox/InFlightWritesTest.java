package io.filament.configapi.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InFlightWritesTest {

    @Test
    void waitsForTheOldestWriteOnlyWhenTheLimitIsReached() {
        InFlightWrites writes = new InFlightWrites(2);
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<Void> second = new CompletableFuture<>();
        writes.add(first);
        writes.add(second);
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        try {
            later.schedule(() -> first.complete(null), 100, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            writes.add(new CompletableFuture<>());
            assertThat(first).isDone();
            assertThat(second).isNotDone();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(90);
        } finally {
            later.shutdownNow();
        }
    }

    @Test
    void awaitAllReturnsOnceEveryWriteEndedAndAFailedWriteDoesNotStopIt() {
        InFlightWrites writes = new InFlightWrites(8);
        CompletableFuture<Void> failed = CompletableFuture.failedFuture(new IllegalStateException("write timed out"));
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> { },
                CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));
        writes.add(failed);
        writes.add(slow);
        assertThatCode(writes::awaitAll).doesNotThrowAnyException();
        assertThat(slow).isCompleted();
    }
}
