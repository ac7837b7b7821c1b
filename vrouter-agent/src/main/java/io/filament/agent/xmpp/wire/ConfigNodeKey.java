package io.filament.agent.xmpp.wire;

/** A config graph node as TF names it on the wire: type in dash form and fq-name joined by ':' (or attr(a,b)). */
public record ConfigNodeKey(String type, String name) implements Comparable<ConfigNodeKey> {

    public ConfigNodeKey {
        if (type == null || type.isBlank()) {
            throw new XmppWireException("node/@type", String.valueOf(type), "missing");
        }
        if (name == null || name.isBlank()) {
            throw new XmppWireException("node/name", String.valueOf(name), "missing");
        }
    }

    @Override
    public int compareTo(ConfigNodeKey o) {
        int c = type.compareTo(o.type);
        return c != 0 ? c : name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return type + ":" + name;
    }
}
