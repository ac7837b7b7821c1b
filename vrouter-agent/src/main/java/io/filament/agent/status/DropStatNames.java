package io.filament.agent.status;

import java.util.Locale;
import java.util.Map;

/**
 * The dataplane's drop reasons under TF's {@code vr_drop_stats} names ({@code dropstats}, the keys of
 * {@code VrouterStatsAgent.raw_drop_stats}). A reason TF has no counter for keeps its own name with the
 * {@code ds_} prefix.
 */
final class DropStatNames {

    private static final Map<String, String> TF_NAMES = Map.ofEntries(
            Map.entry("MALFORMED", "ds_invalid_packet"),
            Map.entry("UNKNOWN_INTERFACE", "ds_invalid_if"),
            Map.entry("NO_ROUTE", "ds_nowhere_to_go"),
            Map.entry("DISCARD", "ds_discard"),
            Map.entry("INVALID_NEXTHOP", "ds_invalid_nh"),
            Map.entry("TTL_EXPIRED", "ds_ttl_exceeded"),
            Map.entry("POLICY", "ds_flow_action_drop"),
            Map.entry("FLOW_LIMIT", "ds_drop_new_flow"),
            Map.entry("FLOW_TABLE_FULL", "ds_flow_table_full"),
            Map.entry("UNKNOWN_LABEL", "ds_invalid_label"),
            Map.entry("UNKNOWN_VNI", "ds_invalid_vnid"),
            Map.entry("UNKNOWN_ENCAPSULATION", "ds_invalid_protocol"),
            Map.entry("ARP_NOT_PROXIED", "ds_arp_not_me"),
            Map.entry("MULTICAST", "ds_l2_no_route"),
            Map.entry("TRANSMIT_ERROR", "ds_interface_tx_discard"));

    private DropStatNames() {
    }

    static String of(String dataplaneReason) {
        String tf = TF_NAMES.get(dataplaneReason);
        return tf != null ? tf : "ds_" + dataplaneReason.toLowerCase(Locale.ROOT);
    }
}
