package io.filament.agent.dhcp.server;

import io.filament.agent.dhcp.wire.ClasslessRoute;
import io.filament.contracts.net.IpAddress;
import io.filament.contracts.net.IpPrefix;
import io.filament.contracts.net.MacAddress;

import java.util.List;
import java.util.Optional;

/**
 * What a port is owed by DHCP, from its instance-ip and the IPAM subnet of its network.
 *
 * @param mac          the port's MAC
 * @param address      its instance-ip
 * @param subnet       the IPAM subnet holding the address
 * @param gateway      default gateway; also this server's identifier (option 54), as in TF
 * @param dnsServers   option 6 (TF's {@code dns_server_address}), may be empty
 * @param hostRoutes   IPAM host routes, sent as option 121
 * @param leaseSeconds lease time; {@link #INFINITE_LEASE} is TF's default
 * @param domainName   option 15, when configured
 */
public record DhcpBinding(MacAddress mac, IpAddress address, IpPrefix subnet, IpAddress gateway,
                          List<IpAddress> dnsServers, List<ClasslessRoute> hostRoutes, long leaseSeconds,
                          Optional<String> domainName) {

    public static final long INFINITE_LEASE = 0xFFFF_FFFFL;

    public DhcpBinding {
        if (!address.isIpv4() || !subnet.contains(address)) {
            throw new IllegalArgumentException("address " + address + " is not inside subnet " + subnet);
        }
        if (!subnet.contains(gateway)) {
            throw new IllegalArgumentException("gateway " + gateway + " is not inside subnet " + subnet);
        }
        if (leaseSeconds < 1 || leaseSeconds > INFINITE_LEASE) {
            throw new IllegalArgumentException("lease " + leaseSeconds + " s is outside 1..2^32-1");
        }
        dnsServers = List.copyOf(dnsServers);
        hostRoutes = List.copyOf(hostRoutes);
    }
}
