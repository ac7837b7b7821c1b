package io.filament.contracts.xmpp;

/**
 * Node names an agent subscribes to on the {@code /config} resource: {@code virtual-router:<fq-name>} for its
 * own vRouter ({@code virtual-router:default-global-system-config:<hostname>}) and {@code virtual-machine:<uuid>}.
 *
 * @param type  TF type name in dash form
 * @param name  fq-name joined by ':' (or uuid for virtual-machine)
 */
public record ConfigNodeName(String type, String name) {

    public static final String GLOBAL_SYSTEM_CONFIG = "default-global-system-config";

    public static ConfigNodeName parse(String node) {
        int colon = node.indexOf(':');
        if (colon <= 0 || colon == node.length() - 1) {
            throw new XmppPayloadException("subscribe/@node", node, "expected <type>:<name>");
        }
        return new ConfigNodeName(node.substring(0, colon), node.substring(colon + 1));
    }

    public static ConfigNodeName virtualRouter(String hostname) {
        return new ConfigNodeName("virtual-router", GLOBAL_SYSTEM_CONFIG + ":" + hostname);
    }

    @Override
    public String toString() {
        return type + ":" + name;
    }
}
