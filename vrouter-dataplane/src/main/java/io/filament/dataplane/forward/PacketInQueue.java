package io.filament.dataplane.forward;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** Bounded queue of packet-ins waiting for the agent. Thread-safe (written by forwarding, drained by control). */
public final class PacketInQueue {

    private final ArrayDeque<PacketIn> queue = new ArrayDeque<>();
    private final int capacity;

    public PacketInQueue(int capacity) {
        this.capacity = capacity;
    }

    synchronized boolean offer(PacketIn p) {
        if (queue.size() >= capacity) {
            return false;
        }
        queue.add(p);
        return true;
    }

    /** Removes and returns up to {@code max} packets. */
    public synchronized List<PacketIn> drain(int max) {
        List<PacketIn> out = new ArrayList<>(Math.min(max, queue.size()));
        while (out.size() < max && !queue.isEmpty()) {
            out.add(queue.poll());
        }
        return out;
    }

    public synchronized int size() {
        return queue.size();
    }
}
