package io.filament.analytics.ingest;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.producer.Producer;
import org.springframework.context.SmartLifecycle;

/** Starts the two consumer threads after the context is ready and stops them on shutdown. */
public final class IngestLifecycle implements SmartLifecycle {

    private final StatusReplica replica;
    private final StorageIngest storage;
    private final Producer<byte[], byte[]> deadLetterProducer;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public IngestLifecycle(StatusReplica replica, StorageIngest storage, Producer<byte[], byte[]> deadLetterProducer) {
        this.replica = replica;
        this.storage = storage;
        this.deadLetterProducer = deadLetterProducer;
    }

    @Override
    public void start() {
        threads.add(Thread.ofPlatform().name("status-replica").start(replica));
        threads.add(Thread.ofPlatform().name("storage-ingest").start(storage));
        running = true;
    }

    @Override
    public void stop() {
        replica.stop();
        storage.stop();
        for (Thread thread : threads) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        deadLetterProducer.close(java.time.Duration.ofSeconds(5));
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Both threads alive, the replica caught up, the last storage write succeeded. */
    public boolean ready() {
        return running && threads.stream().allMatch(Thread::isAlive) && replica.caughtUp() && storage.healthy();
    }
}
