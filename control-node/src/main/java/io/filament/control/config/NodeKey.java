package io.filament.control.config;

/**
 * Identity of a node of the config graph as an agent sees it: TF type in dash form and the name TF uses on the
 * wire (fq-name joined by ':', or {@code attr(<a>,<b>)} for a link-attribute midnode).
 */
public record NodeKey(String type, String name) implements Comparable<NodeKey> {

    public static NodeKey of(String type, java.util.List<String> fqName) {
        return new NodeKey(type, String.join(":", fqName));
    }

    @Override
    public int compareTo(NodeKey o) {
        int c = type.compareTo(o.type);
        return c != 0 ? c : name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return type + ":" + name;
    }
}
