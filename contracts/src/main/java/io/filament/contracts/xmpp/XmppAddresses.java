package io.filament.contracts.xmpp;

/**
 * TF's XMPP identities: the control node is {@code network-control@<domain>} with resources
 * {@code bgp-peer} (routes) and {@code config}; an agent is {@code <hostname>@<domain>}.
 */
public record XmppAddresses(String domain) {

    public static final String DEFAULT_DOMAIN = "contrailsystems.com";
    public static final String CONTROL_NODE_USER = "network-control";
    public static final String BGP_PEER_RESOURCE = "bgp-peer";
    public static final String CONFIG_RESOURCE = "config";

    public String controlNode() {
        return CONTROL_NODE_USER + "@" + domain;
    }

    public String controlNodeBgpPeer() {
        return controlNode() + "/" + BGP_PEER_RESOURCE;
    }

    public String controlNodeConfig() {
        return controlNode() + "/" + CONFIG_RESOURCE;
    }

    public String agent(String hostname) {
        return hostname + "@" + domain;
    }
}
