package io.filament.agent.oper;

import io.filament.contracts.xmpp.RoutePrefix;
import io.filament.contracts.xmpp.TunnelEncapsulation;

import java.util.List;

/** The best path to a prefix in a routing instance as learned from the control nodes. */
public record RemotePath(String instance, RoutePrefix prefix, String nextHopAddress, long label,
                         List<TunnelEncapsulation> encapsulations, String virtualNetwork, List<Long> securityGroupIds) {

    public RemotePath {
        encapsulations = List.copyOf(encapsulations);
        securityGroupIds = List.copyOf(securityGroupIds);
    }
}
