package io.filament.control.config;

import tools.jackson.databind.JsonNode;

import java.util.SortedMap;

/** One object of a {@code <config>} iq: a node or a link, to update or to delete. */
public sealed interface ConfigItem {

    boolean delete();

    record NodeUpdate(NodeKey key, SortedMap<String, JsonNode> properties) implements ConfigItem {
        public boolean delete() {
            return false;
        }
    }

    record LinkUpdate(ConfigLink link) implements ConfigItem {
        public boolean delete() {
            return false;
        }
    }

    record NodeDelete(NodeKey key) implements ConfigItem {
        public boolean delete() {
            return true;
        }
    }

    record LinkDelete(ConfigLink link) implements ConfigItem {
        public boolean delete() {
            return true;
        }
    }
}
