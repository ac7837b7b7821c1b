package io.filament.agent.runtime;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns a piece of the agent's state: tasks run one at a time in the order they were handed
 * over. A task that throws is logged with its exception and the thread goes on with the next one; a plain
 * executor would keep the exception in a future that nobody reads, and a failing recompute would stop all
 * programming without a trace.
 */
final class OwnerThread extends ScheduledThreadPoolExecutor {

    private static final Logger log = LoggerFactory.getLogger(OwnerThread.class);

    OwnerThread(String name) {
        super(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    protected void afterExecute(Runnable task, Throwable thrown) {
        super.afterExecute(task, thrown);
        Throwable failure = thrown != null ? thrown : failureOf(task);
        if (failure != null) {
            log.error("a task of thread {} failed; the thread goes on", Thread.currentThread().getName(), failure);
        }
    }

    /** The exception a finished one-shot task ended with; periodic tasks are never done while they run. */
    static Throwable failureOf(Runnable task) {
        if (!(task instanceof Future<?> future) || !future.isDone() || future.isCancelled()) {
            return null;
        }
        try {
            future.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (CancellationException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
