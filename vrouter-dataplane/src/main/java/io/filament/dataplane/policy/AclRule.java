package io.filament.dataplane.policy;

import io.filament.dataplane.table.TableException;

/**
 * One rule of a compiled ACL, matched against the first packet of a flow: address family, protocol, source and
 * destination prefixes (IPv4 in the top 32 bits of the high word) and port ranges.
 *
 * @param family 4, 6, or 0 for either
 * @param protocol IP protocol number, or -1 for any
 */
public record AclRule(Action action, int family, int protocol, long srcHigh, long srcLow, int srcLength,
                      long dstHigh, long dstLow, int dstLength, int srcPortLow, int srcPortHigh,
                      int dstPortLow, int dstPortHigh) {

    public enum Action {
        PASS, DENY
    }

    public AclRule {
        if (family != 0 && family != 4 && family != 6) {
            throw new TableException("acl.rule.family", family, "not 0, 4 or 6");
        }
        if (protocol < -1 || protocol > 255) {
            throw new TableException("acl.rule.protocol", protocol, "not -1 (any) or 0..255");
        }
        int maxLength = family == 4 ? 32 : 128;
        checkLength("acl.rule.src_length", srcLength, maxLength);
        checkLength("acl.rule.dst_length", dstLength, maxLength);
        checkRange("acl.rule.src_ports", srcPortLow, srcPortHigh);
        checkRange("acl.rule.dst_ports", dstPortLow, dstPortHigh);
    }

    /** A rule matching everything of a family with the given action. */
    public static AclRule any(Action action) {
        return new AclRule(action, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0xFFFF, 0, 0xFFFF);
    }

    public boolean matches(int pktFamily, int proto, long sHigh, long sLow, long dHigh, long dLow, int sport,
                           int dport) {
        return (family == 0 || family == pktFamily)
                && (protocol == -1 || protocol == proto)
                && covers(srcHigh, srcLow, srcLength, sHigh, sLow)
                && covers(dstHigh, dstLow, dstLength, dHigh, dLow)
                && sport >= srcPortLow && sport <= srcPortHigh
                && dport >= dstPortLow && dport <= dstPortHigh;
    }

    private static boolean covers(long pHigh, long pLow, int length, long high, long low) {
        if (length == 0) {
            return true;
        }
        if (length <= 64) {
            long mask = -1L << (64 - length);
            return (high & mask) == pHigh;
        }
        long mask = length == 128 ? -1L : -1L << (128 - length);
        return high == pHigh && (low & mask) == pLow;
    }

    private static void checkLength(String field, int length, int max) {
        if (length < 0 || length > max) {
            throw new TableException(field, length, "outside 0.." + max);
        }
    }

    private static void checkRange(String field, int low, int high) {
        if (low < 0 || high > 0xFFFF || low > high) {
            throw new TableException(field, low + "-" + high, "not a range within 0..65535");
        }
    }
}
