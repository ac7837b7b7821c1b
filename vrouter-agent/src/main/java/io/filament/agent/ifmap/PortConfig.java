package io.filament.agent.ifmap;

import io.filament.agent.dhcp.wire.ClasslessRoute;
import io.filament.contracts.net.IpAddress;
import io.filament.contracts.net.IpPrefix;

import java.util.List;
import java.util.Optional;

/**
 * What the config says about one local port, resolved through the graph: VMI → network → IPAM subnet,
 * VMI → routing instance, VMI → instance-ips, VMI → security groups → ACLs, network → ACL.
 *
 * @param vmi              the virtual-machine-interface node name
 * @param virtualNetwork   fq-name of its network
 * @param routingInstance  fq-name of its routing instance (the network's default one when not linked)
 * @param address          IPv4 instance-ip (the port API's address when config has none)
 * @param subnet           the IPAM subnet holding the address
 * @param gateway          the subnet's default gateway
 * @param dnsServer        the subnet's DNS server
 * @param hostRoutes       the subnet's host routes
 * @param securityGroupIds numeric security-group ids (travel on routes)
 * @param networkAcl       fq-name of the network's ACL (policy), when it has one
 * @param ingressAcls      fq-names of its security groups' ingress ACLs (TF: {@code <sg>:ingress-access-control-list})
 * @param egressAcls       fq-names of its security groups' egress ACLs
 * @param networkId        the network's id (VNI in automatic mode), 0 when unknown
 * @param versions         the versions of the port's VMI and network this config was resolved from (those the
 *                         control node sent a version for)
 */
public record PortConfig(String vmi, String virtualNetwork, String routingInstance, IpAddress address,
                         IpPrefix subnet, IpAddress gateway, Optional<IpAddress> dnsServer,
                         List<ClasslessRoute> hostRoutes, List<Long> securityGroupIds, Optional<String> networkAcl,
                         List<String> ingressAcls, List<String> egressAcls,
                         long networkId, List<ConfigVersion> versions) {

    public PortConfig {
        hostRoutes = List.copyOf(hostRoutes);
        securityGroupIds = List.copyOf(securityGroupIds);
        ingressAcls = List.copyOf(ingressAcls);
        egressAcls = List.copyOf(egressAcls);
        versions = List.copyOf(versions);
    }
}
