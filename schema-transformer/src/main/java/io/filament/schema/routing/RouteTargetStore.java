package io.filament.schema.routing;

import java.util.Map;

/**
 * Route-target numbers claimed per routing instance. A claim is stable: asking again for the same instance and
 * number space gives the same number, across restarts for a persistent store, until the instance is released.
 */
public interface RouteTargetStore {

    /** The number held by {@code routingInstance} in {@code space}, claiming the lowest free one if none. */
    int numberFor(String routingInstance, NumberSpace space);

    /** Makes sure every one of {@code instances} holds a number in {@code space}; a store may do this in bulk. */
    default void claimAll(java.util.Collection<String> instances, NumberSpace space) {
        instances.forEach(instance -> numberFor(instance, space));
    }

    /** Gives back every number held by {@code routingInstance}. */
    void release(String routingInstance);

    /** Every claim, routing instance → numbers per space. */
    Map<String, Map<NumberSpace, Integer>> claims();
}
