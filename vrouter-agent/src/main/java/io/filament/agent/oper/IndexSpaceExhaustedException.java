package io.filament.agent.oper;

/** No free number is left in an index space (labels, VRFs, next hops). */
public final class IndexSpaceExhaustedException extends RuntimeException {

    public IndexSpaceExhaustedException(String what, int first, int last) {
        super("no free " + what + " in " + first + ".." + last);
    }
}
