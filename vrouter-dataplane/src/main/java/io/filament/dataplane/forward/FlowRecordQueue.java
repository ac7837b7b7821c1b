package io.filament.dataplane.forward;

import io.filament.dataplane.flow.FlowRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** Flow records waiting for the agent; when full the oldest record is dropped and counted. Thread-safe. */
public final class FlowRecordQueue {

    private final ArrayDeque<FlowRecord> queue = new ArrayDeque<>();
    private final int capacity;
    private long overflowed;

    public FlowRecordQueue(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void offer(FlowRecord record) {
        if (queue.size() >= capacity) {
            queue.poll();
            overflowed++;
        }
        queue.add(record);
    }

    public synchronized List<FlowRecord> drain(int max) {
        List<FlowRecord> out = new ArrayList<>(Math.min(max, queue.size()));
        while (out.size() < max && !queue.isEmpty()) {
            out.add(queue.poll());
        }
        return out;
    }

    public synchronized long overflowed() {
        return overflowed;
    }
}
