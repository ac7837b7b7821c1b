package io.filament.contracts.xmpp;

import java.util.Optional;

/** Tunnel encapsulations an agent accepts for a next hop ({@code <tunnel-encapsulation>} values). */
public enum TunnelEncapsulation {
    GRE("gre"),
    UDP("udp"),
    VXLAN("vxlan"),
    NATIVE("native");

    private final String wireName;

    TunnelEncapsulation(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Unknown names are ignored by the control node, as TF does; an empty result signals that. */
    public static Optional<TunnelEncapsulation> fromWire(String name) {
        for (TunnelEncapsulation e : values()) {
            if (e.wireName.equals(name.strip())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
