package io.filament.agent.status;

import io.filament.agent.dataplane.wire.DataplaneReply;

import java.util.LinkedHashMap;
import java.util.Map;

/** A flow record as JSON: TF session-record field names where they exist. */
public final class FlowJson {

    private FlowJson() {
    }

    public static Map<String, Object> of(String vrouter, DataplaneReply.FlowRecord f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vrouter", vrouter);
        m.put("vrf", f.vrf());
        m.put("protocol", f.protocol());
        m.put("sourceip", address(f.family(), f.srcHigh(), f.srcLow()));
        m.put("destip", address(f.family(), f.dstHigh(), f.dstLow()));
        m.put("sport", f.srcPort());
        m.put("dport", f.dstPort());
        m.put("action", f.action() == 1 ? "pass" : "drop");
        m.put("packets", f.packets());
        m.put("bytes", f.bytes());
        m.put("reverse_packets", f.reversePackets());
        m.put("reverse_bytes", f.reverseBytes());
        m.put("setup_time", f.startMillis());
        m.put("last_seen", f.lastSeenMillis());
        m.put("teardown", f.ended());
        return m;
    }

    static String address(int family, long high, long low) {
        if (family == 4) {
            long v = high >>> 32;
            return ((v >> 24) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 8) & 0xff) + "." + (v & 0xff);
        }
        return io.filament.contracts.net.IpAddress.ipv6(high, low).toString();
    }
}
