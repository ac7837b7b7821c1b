package io.filament.dataplane.policy;

import io.filament.dataplane.flow.FlowAction;
import io.filament.dataplane.table.ForwardingTables;
import io.filament.dataplane.table.Vif;

/**
 * Decides the first packet of a flow, in TF's order: the network ACL of the sending interface's VN and the egress
 * security groups of the sender, then the network ACL of the receiving interface's VN and the ingress security
 * groups of the receiver. A side that is not on this host (a tunnel) is decided by the dataplane of its own host.
 * A network ACL must pass; of several security groups, one passing is enough (their rules are a union); an
 * interface without security groups lets everything through.
 */
public final class PolicyEvaluator {

    private final ForwardingTables tables;

    public PolicyEvaluator(ForwardingTables tables) {
        this.tables = tables;
    }

    public FlowAction evaluate(Vif sender, Vif receiver, int family, int proto, long sHigh, long sLow, long dHigh,
                               long dLow, int sport, int dport) {
        if (sender != null && sender.policyEnabled()) {
            if (!networkPermits(sender, family, proto, sHigh, sLow, dHigh, dLow, sport, dport)
                    || !anyPermits(sender, true, family, proto, sHigh, sLow, dHigh, dLow, sport, dport)) {
                return FlowAction.DROP;
            }
        }
        if (receiver != null && receiver.policyEnabled()) {
            boolean sameNetworkAcl = sender != null && sender.networkAcl() == receiver.networkAcl();
            if (!sameNetworkAcl && !networkPermits(receiver, family, proto, sHigh, sLow, dHigh, dLow, sport, dport)
                    || !anyPermits(receiver, false, family, proto, sHigh, sLow, dHigh, dLow, sport, dport)) {
                return FlowAction.DROP;
            }
        }
        return FlowAction.FORWARD;
    }

    private boolean networkPermits(Vif vif, int family, int proto, long sHigh, long sLow, long dHigh, long dLow,
                                   int sport, int dport) {
        CompiledAcl acl = vif.networkAcl() == 0 ? null : tables.acl(vif.networkAcl());
        return acl == null || acl.permits(family, proto, sHigh, sLow, dHigh, dLow, sport, dport);
    }

    private boolean anyPermits(Vif vif, boolean egress, int family, int proto, long sHigh, long sLow, long dHigh,
                               long dLow, int sport, int dport) {
        int count = egress ? vif.egressAclCount() : vif.ingressAclCount();
        if (count == 0) {
            return true;
        }
        for (int i = 0; i < count; i++) {
            CompiledAcl acl = tables.acl(egress ? vif.egressAcl(i) : vif.ingressAcl(i));
            if (acl != null && acl.permits(family, proto, sHigh, sLow, dHigh, dLow, sport, dport)) {
                return true;
            }
        }
        return false;
    }
}
