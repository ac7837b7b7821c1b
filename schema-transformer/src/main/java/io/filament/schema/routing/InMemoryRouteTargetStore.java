package io.filament.schema.routing;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Claims held in memory: lowest free number first. Used by the Cassandra store as its cache, by the benchmark and
 * by unit tests. Not thread-safe; owned by the translator thread.
 */
public final class InMemoryRouteTargetStore implements RouteTargetStore {

    private final Map<String, Map<NumberSpace, Integer>> byInstance = new HashMap<>();
    private final Map<NumberSpace, FreeNumbers> free = new EnumMap<>(NumberSpace.class);

    public InMemoryRouteTargetStore() {
        for (NumberSpace space : NumberSpace.values()) {
            free.put(space, new FreeNumbers(space));
        }
    }

    /** The number {@code routingInstance} holds in {@code space}, without claiming one. */
    public java.util.OptionalInt held(String routingInstance, NumberSpace space) {
        Integer held = byInstance.getOrDefault(routingInstance, Map.of()).get(space);
        return held == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(held);
    }

    @Override
    public int numberFor(String routingInstance, NumberSpace space) {
        java.util.OptionalInt held = held(routingInstance, space);
        if (held.isPresent()) {
            return held.getAsInt();
        }
        int number = free.get(space).lowest(routingInstance);
        record(routingInstance, space, number);
        return number;
    }

    /** Records a claim made elsewhere (loaded from storage or won by a conditional write). */
    public void record(String routingInstance, NumberSpace space, int number) {
        byInstance.computeIfAbsent(routingInstance, ri -> new EnumMap<>(NumberSpace.class)).put(space, number);
        free.get(space).take(number);
    }

    /** Marks a number as taken by someone else without assigning it here. */
    public void markTaken(NumberSpace space, int number) {
        free.get(space).take(number);
    }

    /** The lowest number free in {@code space} as far as this store knows. */
    public int lowestFree(NumberSpace space, String routingInstance) {
        return free.get(space).lowest(routingInstance);
    }

    public boolean isFree(NumberSpace space, int number) {
        return free.get(space).isFree(number);
    }

    @Override
    public void release(String routingInstance) {
        Map<NumberSpace, Integer> held = byInstance.remove(routingInstance);
        if (held != null) {
            held.forEach((space, number) -> free.get(space).give(number));
        }
    }

    @Override
    public Map<String, Map<NumberSpace, Integer>> claims() {
        Map<String, Map<NumberSpace, Integer>> copy = new TreeMap<>();
        byInstance.forEach((ri, held) -> copy.put(ri, Map.copyOf(held)));
        return copy;
    }

    /** The taken numbers of one space as a bit set offset by the floor, so the lowest free is one scan. */
    private static final class FreeNumbers {
        private final NumberSpace space;
        private final java.util.BitSet taken = new java.util.BitSet();

        FreeNumbers(NumberSpace space) {
            this.space = space;
        }

        int lowest(String routingInstance) {
            int offset = taken.nextClearBit(0);
            if (offset > space.last() - space.first()) {
                throw new RouteTargetSpaceExhausted(space, routingInstance);
            }
            return space.first() + offset;
        }

        boolean isFree(int number) {
            return !taken.get(number - space.first());
        }

        void take(int number) {
            taken.set(number - space.first());
        }

        void give(int number) {
            taken.clear(number - space.first());
        }
    }
}
