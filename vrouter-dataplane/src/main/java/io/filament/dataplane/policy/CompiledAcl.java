package io.filament.dataplane.policy;

import java.util.List;

/**
 * An ordered rule list as the agent compiles it from a network policy (with TF's implicit my-VN→my-VN pass and
 * final any→any deny) or from a security group's ingress or egress rules. First match wins; no match denies.
 */
public record CompiledAcl(int id, List<AclRule> rules) {

    public CompiledAcl {
        rules = List.copyOf(rules);
    }

    /** True when the packet passes this ACL. Allocation-free. */
    public boolean permits(int family, int proto, long sHigh, long sLow, long dHigh, long dLow, int sport, int dport) {
        for (int i = 0; i < rules.size(); i++) {
            AclRule r = rules.get(i);
            if (r.matches(family, proto, sHigh, sLow, dHigh, dLow, sport, dport)) {
                return r.action() == AclRule.Action.PASS;
            }
        }
        return false;
    }
}
