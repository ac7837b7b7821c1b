package io.filament.analytics.flow;

import java.util.Arrays;
import java.util.Optional;

/**
 * The fields of a flow record, with TF's names ({@code FlowRecordTable} columns) and the CQL column each is
 * stored in. Numeric fields compare as numbers in queries, the others as strings.
 */
public enum FlowField {
    VROUTER("vrouter", "vrouter", false),
    SOURCE_VN("sourcevn", "sourcevn", false),
    DEST_VN("destvn", "destvn", false),
    SOURCE_IP("sourceip", "sourceip", false),
    DEST_IP("destip", "destip", false),
    PROTOCOL("protocol", "protocol", true),
    SOURCE_PORT("sport", "sport", true),
    DEST_PORT("dport", "dport", true),
    DIRECTION_ING("direction_ing", "direction_ing", true),
    ACTION("action", "action", false),
    SETUP_TIME("setup_time", "setup_time", true),
    TEARDOWN_TIME("teardown_time", "teardown_time", true),
    AGG_PACKETS("agg-packets", "agg_packets", true),
    AGG_BYTES("agg-bytes", "agg_bytes", true),
    FLOW_UUID("flowuuid", "flowuuid", false),
    VROUTER_IP("vrouter_ip", "vrouter_ip", false),
    OTHER_VROUTER_IP("other_vrouter_ip", "other_vrouter_ip", false),
    SG_RULE_UUID("sg_rule_uuid", "sg_rule_uuid", false),
    NW_ACE_UUID("nw_ace_uuid", "nw_ace_uuid", false),
    DROP_REASON("drop_reason", "drop_reason", false);

    private final String wireName;
    private final String column;
    private final boolean numeric;

    FlowField(String wireName, String column, boolean numeric) {
        this.wireName = wireName;
        this.column = column;
        this.numeric = numeric;
    }

    public String wireName() {
        return wireName;
    }

    public String column() {
        return column;
    }

    public boolean numeric() {
        return numeric;
    }

    public static Optional<FlowField> byWireName(String name) {
        return Arrays.stream(values()).filter(f -> f.wireName.equals(name)).findFirst();
    }
}
