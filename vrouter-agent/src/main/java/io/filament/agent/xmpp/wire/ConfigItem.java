package io.filament.agent.xmpp.wire;

/** One object of a {@code <config>} iq. Links are undirected: the two ends are kept in canonical order. */
public sealed interface ConfigItem {

    record NodeUpdate(ConfigNodeKey key, XmlNode properties) implements ConfigItem {
    }

    record NodeDelete(ConfigNodeKey key) implements ConfigItem {
    }

    record LinkUpdate(Link link) implements ConfigItem {
    }

    record LinkDelete(Link link) implements ConfigItem {
    }

    record Link(String metadata, ConfigNodeKey left, ConfigNodeKey right) implements Comparable<Link> {
        public Link {
            if (left.compareTo(right) > 0) {
                ConfigNodeKey t = left;
                left = right;
                right = t;
            }
        }

        public ConfigNodeKey other(ConfigNodeKey end) {
            return end.equals(left) ? right : left;
        }

        @Override
        public int compareTo(Link o) {
            int c = left.compareTo(o.left);
            if (c != 0) {
                return c;
            }
            c = right.compareTo(o.right);
            return c != 0 ? c : metadata.compareTo(o.metadata);
        }
    }
}
