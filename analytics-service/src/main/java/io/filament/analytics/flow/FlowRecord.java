package io.filament.analytics.flow;

import java.util.UUID;

/**
 * One flow record as an agent reports it (TF's {@code FlowRecordTable} fields). An agent re-sends a flow's
 * record as its counters grow and once more at teardown; the latest record of a flow replaces the earlier ones.
 *
 * @param setupTime    microseconds since the epoch
 * @param teardownTime microseconds since the epoch, 0 while the flow is active
 */
public record FlowRecord(String vrouter, String sourceVn, String destVn, String sourceIp, String destIp,
                         int protocol, int sourcePort, int destPort, int directionIngress, String action,
                         long setupTime, long teardownTime, long aggPackets, long aggBytes, UUID flowUuid,
                         String vrouterIp, String otherVrouterIp, String sgRuleUuid, String nwAceUuid,
                         String dropReason) {

    /** The value of a field: {@code Long} for numeric fields, {@code String} otherwise. */
    public Object value(FlowField field) {
        return switch (field) {
            case VROUTER -> vrouter;
            case SOURCE_VN -> sourceVn;
            case DEST_VN -> destVn;
            case SOURCE_IP -> sourceIp;
            case DEST_IP -> destIp;
            case PROTOCOL -> (long) protocol;
            case SOURCE_PORT -> (long) sourcePort;
            case DEST_PORT -> (long) destPort;
            case DIRECTION_ING -> (long) directionIngress;
            case ACTION -> action;
            case SETUP_TIME -> setupTime;
            case TEARDOWN_TIME -> teardownTime;
            case AGG_PACKETS -> aggPackets;
            case AGG_BYTES -> aggBytes;
            case FLOW_UUID -> flowUuid.toString();
            case VROUTER_IP -> vrouterIp;
            case OTHER_VROUTER_IP -> otherVrouterIp;
            case SG_RULE_UUID -> sgRuleUuid;
            case NW_ACE_UUID -> nwAceUuid;
            case DROP_REASON -> dropReason;
        };
    }
}
