package io.filament.configapi;

import io.filament.configapi.door.CommandDoor;
import io.filament.configapi.outbox.OutboxRelay;
import org.springframework.context.SmartLifecycle;

/** Starts and stops the two threads of config-api besides the web server: the outbox relay and the command door. */
final class BackgroundThreads implements SmartLifecycle {

    private final OutboxRelay relay;
    private final CommandDoor door;
    private Thread relayThread;
    private Thread doorThread;

    BackgroundThreads(OutboxRelay relay, CommandDoor door) {
        this.relay = relay;
        this.door = door;
    }

    @Override
    public synchronized void start() {
        relayThread = Thread.ofPlatform().name("outbox-relay").start(relay);
        doorThread = Thread.ofPlatform().name("command-door").start(door);
    }

    @Override
    public synchronized void stop() {
        door.stop();
        relay.stop();
        join(doorThread);
        join(relayThread);
        relayThread = null;
        doorThread = null;
    }

    private static void join(Thread thread) {
        try {
            thread.join(20_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return relayThread != null;
    }
}
