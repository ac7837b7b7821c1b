package io.filament.control.config;

/**
 * A link of the config graph, named by its TF metadata type ({@code virtual-router-virtual-machine},
 * {@code virtual-network-network-ipam} …). The endpoints are kept in a canonical order: links are undirected.
 */
public record ConfigLink(String metadata, NodeKey left, NodeKey right) implements Comparable<ConfigLink> {

    public ConfigLink {
        if (left.compareTo(right) > 0) {
            NodeKey t = left;
            left = right;
            right = t;
        }
    }

    public NodeKey other(NodeKey end) {
        return end.equals(left) ? right : left;
    }

    @Override
    public int compareTo(ConfigLink o) {
        int c = left.compareTo(o.left);
        if (c != 0) {
            return c;
        }
        c = right.compareTo(o.right);
        return c != 0 ? c : metadata.compareTo(o.metadata);
    }
}
