package io.filament.agent.oper;

import io.filament.agent.dhcp.server.DhcpBinding;
import io.filament.contracts.net.IpAddress;
import io.filament.contracts.net.MacAddress;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A VM interface (TF vif type VIRTUAL): the TAP, its VRF, and the label and next hop that deliver to it.
 * Without config ({@code vrfIndex} empty) the TAP exists but is in no VRF and forwards nothing.
 *
 * @param portId      the VMI uuid
 * @param tapName     the TAP's name as created
 * @param netns       the namespace the TAP is moved to, empty for the host's
 * @param ifname      its name inside {@code netns}
 * @param mac         the VM's MAC
 * @param address     the VM's IPv4 address
 * @param vrfIndex    the VRF it is in
 * @param label       MPLS label that reaches it from remote hosts
 * @param nextHopId   its interface next hop
 * @param virtualNetwork fq-name of its network
 * @param securityGroupIds ids of its security groups
 * @param aclNames    ACLs applied to its traffic
 * @param dhcp        what DHCP hands out on it
 */
public record VmInterface(UUID portId, String tapName, Optional<String> netns, String ifname, MacAddress mac,
                          Optional<IpAddress> address, Optional<Integer> vrfIndex, Optional<Integer> label,
                          Optional<Integer> nextHopId, String virtualNetwork, List<Long> securityGroupIds,
                          List<String> aclNames, Optional<DhcpBinding> dhcp) {

    public VmInterface {
        securityGroupIds = List.copyOf(securityGroupIds);
        aclNames = List.copyOf(aclNames);
    }

    public boolean active() {
        return vrfIndex.isPresent();
    }
}
