package io.filament.contracts.status;

import java.util.UUID;

import io.filament.contracts.InvalidValueException;
import io.filament.contracts.net.IpAddress;

/**
 * One record of {@code filament.flows.v1}: a flow as a vRouter reports it, with TF's {@code FlowRecordTable}
 * field names on the wire. An agent re-sends a flow's record as its counters grow and once more at teardown;
 * analytics keeps the latest record per ({@code flowuuid}, {@code setup_time}). Checked on construction.
 *
 * @param vrouter         the reporting vRouter (host) name; also the Kafka key
 * @param sourceVn        fq name of the source network, {@code __UNKNOWN__} when unknown
 * @param destVn          fq name of the destination network, {@code __UNKNOWN__} when unknown
 * @param sourceIp        IPv4 or IPv6 source address
 * @param destIp          IPv4 or IPv6 destination address
 * @param protocol        IP protocol, 0–255
 * @param sourcePort      0–65535 (ICMP: the identifier)
 * @param destPort        0–65535 (ICMP: 0)
 * @param directionIngress 1 ingress, 0 egress
 * @param action          {@code pass}, {@code drop}, {@code deny}, …
 * @param setupTime       microseconds since the epoch, &gt; 0
 * @param teardownTime    microseconds since the epoch, ≥ {@code setupTime}; 0 while the flow is active
 * @param aggPackets      cumulative packets of the flow
 * @param aggBytes        cumulative bytes of the flow
 * @param flowUuid        the flow's id
 */
public record FlowReport(String vrouter, String sourceVn, String destVn, String sourceIp, String destIp,
                         int protocol, int sourcePort, int destPort, int directionIngress, String action,
                         long setupTime, long teardownTime, long aggPackets, long aggBytes, UUID flowUuid,
                         String vrouterIp, String otherVrouterIp, String sgRuleUuid, String nwAceUuid,
                         String dropReason) {

    /** TF's name of a network that could not be determined. */
    public static final String UNKNOWN_NETWORK = "__UNKNOWN__";

    public FlowReport {
        required("vrouter", vrouter);
        required("sourcevn", sourceVn);
        required("destvn", destVn);
        address("sourceip", sourceIp);
        address("destip", destIp);
        range("protocol", protocol, 0, 255);
        range("sport", sourcePort, 0, 65535);
        range("dport", destPort, 0, 65535);
        range("direction_ing", directionIngress, 0, 1);
        range("setup_time", setupTime, 1, Long.MAX_VALUE);
        range("teardown_time", teardownTime, 0, Long.MAX_VALUE);
        if (teardownTime != 0 && teardownTime < setupTime) {
            throw new InvalidStatusRecordException("teardown_time", teardownTime, "earlier than setup_time " + setupTime);
        }
        range("agg-packets", aggPackets, 0, Long.MAX_VALUE);
        range("agg-bytes", aggBytes, 0, Long.MAX_VALUE);
        if (flowUuid == null) {
            throw new InvalidStatusRecordException("flowuuid", null, "must be a UUID");
        }
        action = orEmpty(action);
        vrouterIp = orEmpty(vrouterIp);
        otherVrouterIp = orEmpty(otherVrouterIp);
        sgRuleUuid = orEmpty(sgRuleUuid);
        nwAceUuid = orEmpty(nwAceUuid);
        dropReason = orEmpty(dropReason);
    }

    /** Whether the flow has ended. */
    public boolean tornDown() {
        return teardownTime != 0;
    }

    private static void required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidStatusRecordException(field, value, "must be a non-empty string");
        }
    }

    private static void address(String field, String value) {
        required(field, value);
        try {
            IpAddress.parse(value);
        } catch (InvalidValueException e) {
            throw new InvalidStatusRecordException(field, value, "not an IPv4 or IPv6 address");
        }
    }

    private static void range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidStatusRecordException(field, value, "must be an integer in [" + min + ", " + max + "]");
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
