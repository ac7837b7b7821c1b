package io.filament.control.rib;

/** A RIB request that breaks the protocol's rules (publish outside a subscription, duplicate subscribe …). */
public final class RibException extends RuntimeException {

    private final String peer;
    private final String instance;

    public RibException(String peer, String instance, String problem) {
        super(peer + " in " + instance + ": " + problem);
        this.peer = peer;
        this.instance = instance;
    }

    public String peer() {
        return peer;
    }

    public String instance() {
        return instance;
    }
}
