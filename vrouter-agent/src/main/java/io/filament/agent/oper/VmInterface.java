package io.filament.agent.oper;

import io.filament.agent.dhcp.server.DhcpBinding;
import io.filament.agent.ifmap.ConfigVersion;
import io.filament.contracts.net.IpAddress;
import io.filament.contracts.net.MacAddress;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A VM interface (TF vif type VIRTUAL): the TAP, its VRF, and the label and next hop that deliver to it.
 * Without config ({@code vrfIndex} empty) the TAP exists, in the dataplane's unbound VRF, and forwards nothing.
 *
 * @param portId      the VMI uuid
 * @param index       the dataplane interface index
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
 * @param networkAcl  the network's ACL, when it has one
 * @param ingressAcls security-group ACLs for traffic to the VM
 * @param egressAcls  security-group ACLs for traffic from the VM
 * @param dhcp        what DHCP hands out on it
 * @param name        the virtual-machine-interface's fq name (TF's UVE key), empty without config
 * @param configVersions the config versions (VMI, network) it was built from
 */
public record VmInterface(UUID portId, int index, String tapName, Optional<String> netns, String ifname, MacAddress mac,
                          Optional<IpAddress> address, Optional<Integer> vrfIndex, Optional<Integer> label,
                          Optional<Integer> nextHopId, String virtualNetwork, List<Long> securityGroupIds,
                          Optional<String> networkAcl, List<String> ingressAcls, List<String> egressAcls,
                          Optional<DhcpBinding> dhcp, Optional<String> name,
                          List<ConfigVersion> configVersions) {

    public VmInterface {
        securityGroupIds = List.copyOf(securityGroupIds);
        ingressAcls = List.copyOf(ingressAcls);
        egressAcls = List.copyOf(egressAcls);
        configVersions = List.copyOf(configVersions);
    }

    public boolean active() {
        return vrfIndex.isPresent();
    }
}
