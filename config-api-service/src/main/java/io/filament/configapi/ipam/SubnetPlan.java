package io.filament.configapi.ipam;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Which addresses of one IPAM subnet may be handed out, and in which order (TF's {@code vnc_addr_mgmt}):
 * never the network and last address, the gateway or the DNS/service address; only inside the allocation pools
 * when there are any; from the top of the subnet down unless {@code addr_from_start}, then from the bottom up.
 *
 * @param subnetUuid   the {@code subnet_uuid} of the IpamSubnetType, key of the allocation tables
 * @param subnet       the prefix
 * @param gateway      {@code default_gateway}, empty for none ({@code 0.0.0.0} / {@code ::})
 * @param dnsServer    {@code dns_server_address}, empty for none
 * @param pools        {@code allocation_pools}; empty means the whole subnet
 * @param fromStart    {@code addr_from_start}
 */
public record SubnetPlan(String subnetUuid, IpSubnet subnet, Optional<IpAddress> gateway,
                         Optional<IpAddress> dnsServer, List<AddressRange> pools, boolean fromStart) {

    public SubnetPlan {
        pools = List.copyOf(pools);
    }

    /** TF's default gateway: first+1 with {@code addr_from_start}, else last-1 (.254 of a /24). */
    public static IpAddress defaultGateway(IpSubnet subnet, boolean fromStart) {
        return fromStart ? subnet.first().plus(1) : subnet.last().plus(-1);
    }

    /** TF's default DNS/service address: first+2 with {@code addr_from_start}, else last-2 (.253 of a /24). */
    public static IpAddress defaultDnsServer(IpSubnet subnet, boolean fromStart) {
        return fromStart ? subnet.first().plus(2) : subnet.last().plus(-2);
    }

    /** Why {@code address} can never be allocated from this subnet, or empty when it can. */
    public Optional<String> reservation(IpAddress address) {
        if (!subnet.contains(address)) {
            return Optional.of("outside subnet " + subnet);
        }
        if (address.equals(subnet.first())) {
            return Optional.of("the network address of " + subnet);
        }
        if (address.equals(subnet.last())) {
            return Optional.of("the broadcast address of " + subnet);
        }
        if (gateway.filter(address::equals).isPresent()) {
            return Optional.of("the gateway of " + subnet);
        }
        if (dnsServer.filter(address::equals).isPresent()) {
            return Optional.of("the DNS server address of " + subnet);
        }
        return Optional.empty();
    }

    public boolean inPools(IpAddress address) {
        return pools.isEmpty() || pools.stream().anyMatch(p -> p.contains(address));
    }

    /** Lazily walks the allocatable addresses in TF's allocation order. */
    public Iterator<IpAddress> allocationOrder() {
        return allocationOrderAfter(Optional.empty());
    }

    /** The allocation order continued after {@code previous} (an address of this subnet), without wrapping. */
    public Iterator<IpAddress> allocationOrderAfter(Optional<IpAddress> previous) {
        IpAddress start = previous.filter(subnet::contains).orElse(fromStart ? subnet.first() : subnet.last());
        return new Iterator<>() {
            private IpAddress cursor = start;
            private IpAddress next = advance();

            private IpAddress advance() {
                while (true) {
                    cursor = fromStart ? cursor.plus(1) : cursor.plus(-1);
                    if (!subnet.contains(cursor) || cursor.equals(subnet.first()) || cursor.equals(subnet.last())) {
                        return null;
                    }
                    if (reservation(cursor).isEmpty() && inPools(cursor)) {
                        return cursor;
                    }
                    if (!pools.isEmpty() && beyondAllPools(cursor)) {
                        return null;
                    }
                }
            }

            private boolean beyondAllPools(IpAddress address) {
                return fromStart
                        ? pools.stream().allMatch(p -> address.compareTo(p.end()) > 0)
                        : pools.stream().allMatch(p -> address.compareTo(p.start()) < 0);
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public IpAddress next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                IpAddress current = next;
                next = advance();
                return current;
            }
        };
    }
}
