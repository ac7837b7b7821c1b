package io.filament.contracts.xmpp;

/**
 * Node of {@code <items>} in a control node → agent update: {@code <afi>/<safi>/<vrf>}, or the End-of-RIB
 * marker {@code 0/0/EndOfRib}.
 */
public record ItemsNode(String value) {

    public static final ItemsNode END_OF_RIB = new ItemsNode("0/0/EndOfRib");

    public static ItemsNode of(XmppFamily family, String instance) {
        return new ItemsNode(family.nodePrefix() + "/" + instance);
    }

    public boolean isEndOfRib() {
        return END_OF_RIB.value.equals(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
