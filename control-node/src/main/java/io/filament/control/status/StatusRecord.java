package io.filament.control.status;

import java.util.Map;

/**
 * A UVE-style report on {@code filament.status.v1}, key {@code <table>:<key>}:
 * {@code ObjectXmppPeerInfo:<control-node>:<agent>} and {@code ObjectBgpRouter:<control-node>}.
 *
 * @param table   TF's UVE table name
 * @param key     the object key inside the table
 * @param source  the reporting control node
 * @param deleted the object is gone (TF's {@code deleted} flag)
 * @param data    attributes with TF's field names
 */
public record StatusRecord(String table, String key, String source, boolean deleted, Map<String, Object> data) {

    public String kafkaKey() {
        return table + ":" + key;
    }
}
