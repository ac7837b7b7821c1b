package io.filament.agent.config;

/** A control node's XMPP endpoint, written {@code host[:port]} (port 5269 by default). */
public record ControlNodeAddress(String host, int port) {

    public static final int XMPP_PORT = 5269;

    public ControlNodeAddress {
        FabricAddresses.requireIpv4("filament.control-nodes", host);
        if (port < 1 || port > 65535) {
            throw new InvalidAgentPropertyException("filament.control-nodes", host + ":" + port,
                    "port must be within 1..65535");
        }
    }

    public static ControlNodeAddress parse(String text) {
        String t = text.strip();
        int colon = t.lastIndexOf(':');
        if (colon < 0) {
            return new ControlNodeAddress(t, XMPP_PORT);
        }
        try {
            return new ControlNodeAddress(t.substring(0, colon), Integer.parseInt(t.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new InvalidAgentPropertyException("filament.control-nodes", text, "port is not a number");
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
