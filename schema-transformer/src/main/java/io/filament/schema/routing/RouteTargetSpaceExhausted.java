package io.filament.schema.routing;

/** No free route-target number left in a space. */
public final class RouteTargetSpaceExhausted extends RuntimeException {

    public RouteTargetSpaceExhausted(NumberSpace space, String routingInstance) {
        super("route-target space " + space + " (" + space.first() + ".." + space.last()
                + ") is exhausted; cannot allocate for routing instance " + routingInstance);
    }
}
