package io.filament.agent.dhcp.server;

import io.filament.agent.dhcp.wire.ClasslessRoute;
import io.filament.agent.dhcp.wire.DhcpMessage;
import io.filament.agent.dhcp.wire.DhcpMessageType;
import io.filament.agent.dhcp.wire.DhcpOption;
import io.filament.contracts.net.IpAddress;
import io.filament.contracts.net.IpPrefix;
import io.filament.contracts.net.MacAddress;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's DHCP server for local ports (RFC 2131 from the server's side): each port has exactly one
 * address, so the state machine decides only whether the client may have it.
 *
 * <ul>
 *   <li>DISCOVER → OFFER of the bound address;</li>
 *   <li>REQUEST selecting this server (option 54 = gateway) or in INIT-REBOOT (option 50) → ACK if the
 *       requested address is the port's, else NAK; selecting another server → silence;</li>
 *   <li>REQUEST renewing/rebinding (ciaddr set) → ACK if ciaddr is the port's, else NAK;</li>
 *   <li>RELEASE / DECLINE → the lease is marked and no reply is sent; INFORM → ACK without lease.</li>
 * </ul>
 */
public final class DhcpServer {

    private final Clock clock;
    private final Map<MacAddress, Lease> leases = new ConcurrentHashMap<>();

    public DhcpServer(Clock clock) {
        this.clock = clock;
    }

    /** Decides the answer to {@code request} that arrived on a port owed {@code binding} (empty: no config yet). */
    public DhcpDecision handle(DhcpMessage request, Optional<DhcpBinding> binding) {
        Optional<DhcpMessageType> type = request.op() == DhcpMessage.BOOTREQUEST ? request.messageType()
                : Optional.empty();
        if (type.isEmpty()) {
            return new DhcpDecision.Silent(DhcpDecision.SilenceReason.NOT_A_CLIENT_MESSAGE);
        }
        if (binding.isEmpty() || !binding.get().mac().equals(request.chaddr())) {
            return new DhcpDecision.Silent(DhcpDecision.SilenceReason.NO_BINDING_FOR_PORT);
        }
        DhcpBinding b = binding.get();
        return switch (type.get()) {
            case DISCOVER -> offer(request, b);
            case REQUEST -> request(request, b);
            case RELEASE -> mark(b, LeaseState.RELEASED, DhcpDecision.SilenceReason.RELEASED);
            case DECLINE -> mark(b, LeaseState.DECLINED, DhcpDecision.SilenceReason.DECLINED);
            case INFORM -> new DhcpDecision.Reply(reply(request, b, DhcpMessageType.ACK, false));
            case OFFER, ACK, NAK -> new DhcpDecision.Silent(DhcpDecision.SilenceReason.NOT_A_CLIENT_MESSAGE);
        };
    }

    public Optional<Lease> lease(MacAddress mac) {
        return Optional.ofNullable(leases.get(mac));
    }

    /** Forgets a client, e.g. when its port is deleted. */
    public void forget(MacAddress mac) {
        leases.remove(mac);
    }

    private DhcpDecision offer(DhcpMessage request, DhcpBinding b) {
        record(b, LeaseState.OFFERED);
        return new DhcpDecision.Reply(reply(request, b, DhcpMessageType.OFFER, true));
    }

    private DhcpDecision request(DhcpMessage request, DhcpBinding b) {
        Optional<IpAddress> serverId = request.serverIdentifier();
        if (serverId.isPresent() && !serverId.get().equals(b.gateway())) {
            leases.remove(b.mac());
            return new DhcpDecision.Silent(DhcpDecision.SilenceReason.ANOTHER_SERVER_SELECTED);
        }
        IpAddress wanted = request.requestedAddress().orElse(request.ciaddr());
        if (!wanted.equals(b.address())) {
            leases.remove(b.mac());
            return new DhcpDecision.Reply(nak(request, b, "requested address " + wanted + " is not this port's"));
        }
        record(b, LeaseState.BOUND);
        return new DhcpDecision.Reply(reply(request, b, DhcpMessageType.ACK, true));
    }

    private DhcpDecision mark(DhcpBinding b, LeaseState state, DhcpDecision.SilenceReason reason) {
        record(b, state);
        return new DhcpDecision.Silent(reason);
    }

    private void record(DhcpBinding b, LeaseState state) {
        Instant now = clock.instant();
        Instant expires = b.leaseSeconds() == DhcpBinding.INFINITE_LEASE ? Instant.MAX : now.plusSeconds(b.leaseSeconds());
        leases.put(b.mac(), new Lease(b.mac(), b.address(), state, expires));
    }

    private static DhcpMessage reply(DhcpMessage request, DhcpBinding b, DhcpMessageType type, boolean withLease) {
        List<DhcpOption> options = new ArrayList<>();
        options.add(new DhcpOption(DhcpOption.MESSAGE_TYPE, new byte[] {(byte) type.code()}));
        options.add(new DhcpOption(DhcpOption.SERVER_IDENTIFIER, b.gateway().toBytes()));
        if (withLease) {
            options.add(new DhcpOption(DhcpOption.LEASE_TIME, uint32(b.leaseSeconds())));
        }
        options.add(new DhcpOption(DhcpOption.SUBNET_MASK, b.subnet().netmask().toBytes()));
        options.add(new DhcpOption(DhcpOption.ROUTER, b.gateway().toBytes()));
        if (!b.dnsServers().isEmpty()) {
            options.add(new DhcpOption(DhcpOption.DOMAIN_NAME_SERVER, addresses(b.dnsServers())));
        }
        b.domainName().ifPresent(d -> options.add(
                new DhcpOption(DhcpOption.DOMAIN_NAME, d.getBytes(StandardCharsets.US_ASCII))));
        options.add(new DhcpOption(DhcpOption.BROADCAST_ADDRESS, b.subnet().broadcast().toBytes()));
        if (!b.hostRoutes().isEmpty() && request.parameterRequestList().contains(DhcpOption.CLASSLESS_STATIC_ROUTE)) {
            // A client that takes option 121 ignores option 3 (RFC 3442), so the default route goes in too.
            List<ClasslessRoute> routes = new ArrayList<>(b.hostRoutes());
            routes.add(new ClasslessRoute(IpPrefix.covering(DhcpMessage.ZERO, 0), b.gateway()));
            options.add(new DhcpOption(DhcpOption.CLASSLESS_STATIC_ROUTE, ClasslessRoute.encode(routes)));
        }
        boolean inform = type == DhcpMessageType.ACK && !withLease;
        IpAddress yiaddr = inform ? DhcpMessage.ZERO : b.address();
        return new DhcpMessage(DhcpMessage.BOOTREPLY, request.xid(), 0, request.broadcast(), request.ciaddr(),
                yiaddr, DhcpMessage.ZERO, request.giaddr(), request.chaddr(), options);
    }

    private static DhcpMessage nak(DhcpMessage request, DhcpBinding b, String why) {
        List<DhcpOption> options = List.of(
                new DhcpOption(DhcpOption.MESSAGE_TYPE, new byte[] {(byte) DhcpMessageType.NAK.code()}),
                new DhcpOption(DhcpOption.SERVER_IDENTIFIER, b.gateway().toBytes()),
                new DhcpOption(DhcpOption.MESSAGE, why.getBytes(StandardCharsets.US_ASCII)));
        return new DhcpMessage(DhcpMessage.BOOTREPLY, request.xid(), 0, request.broadcast(), DhcpMessage.ZERO,
                DhcpMessage.ZERO, DhcpMessage.ZERO, request.giaddr(), request.chaddr(), options);
    }

    private static byte[] uint32(long v) {
        return ByteBuffer.allocate(4).putInt((int) v).array();
    }

    private static byte[] addresses(List<IpAddress> list) {
        ByteBuffer out = ByteBuffer.allocate(4 * list.size());
        list.forEach(a -> out.put(a.toBytes()));
        return out.array();
    }
}
