package io.filament.configapi.command;

import io.filament.configapi.error.BadRequestException;
import io.filament.configapi.error.ConflictException;
import io.filament.configapi.ipam.AddressRange;
import io.filament.configapi.ipam.IpAddress;
import io.filament.configapi.ipam.IpSubnet;
import io.filament.configapi.ipam.SubnetPlan;
import io.filament.contracts.config.ConfigType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code ipam_subnets} of a virtual network's IPAM refs: fills TF's defaults (gateway, DNS address,
 * {@code subnet_uuid}, {@code enable_dhcp}), checks every address against its subnet, refuses overlaps, and turns
 * them into {@link SubnetPlan}s.
 */
final class IpamSubnets {

    private static final String REFS = ConfigType.NETWORK_IPAM.underscored() + "_refs";

    private IpamSubnets() {
    }

    /**
     * Normalises the subnets in place. {@code previous} are the plans the network had, so that an unchanged subnet
     * keeps its {@code subnet_uuid}.
     */
    static void normalize(ObjectNode network, List<SubnetPlan> previous, Supplier<String> newUuid) {
        JsonNode refs = network.get(REFS);
        if (refs == null || !refs.isArray()) {
            return;
        }
        Map<String, String> knownUuids = new HashMap<>();
        previous.forEach(p -> knownUuids.put(p.subnet().toString(), p.subnetUuid()));
        List<SubnetPlan> seen = new ArrayList<>();
        for (int r = 0; r < refs.size(); r++) {
            JsonNode attr = refs.get(r).get("attr");
            JsonNode subnets = attr == null || attr.isNull() ? null : attr.get("ipam_subnets");
            if (subnets == null || !subnets.isArray()) {
                continue;
            }
            for (int s = 0; s < subnets.size(); s++) {
                String path = REFS + "[" + r + "].attr.ipam_subnets[" + s + "]";
                SubnetPlan plan = normalizeOne(path, (ObjectNode) subnets.get(s), knownUuids, newUuid);
                for (SubnetPlan other : seen) {
                    if (other.subnet().overlaps(plan.subnet())) {
                        throw new BadRequestException("Overlapping subnets in " + REFS + ": " + plan.subnet()
                                + " overlaps " + other.subnet());
                    }
                    if (other.subnetUuid().equals(plan.subnetUuid())) {
                        throw new BadRequestException("Duplicate subnet_uuid " + plan.subnetUuid() + " in " + REFS);
                    }
                }
                seen.add(plan);
            }
        }
    }

    private static SubnetPlan normalizeOne(String path, ObjectNode subnet, Map<String, String> knownUuids,
                                           Supplier<String> newUuid) {
        JsonNode prefix = subnet.get("subnet");
        if (prefix == null || !prefix.isObject() || prefix.get("ip_prefix") == null
                || prefix.get("ip_prefix_len") == null) {
            throw new BadRequestException("Missing " + path + ".subnet {ip_prefix, ip_prefix_len}");
        }
        IpSubnet cidr = IpSubnet.of(path + ".subnet", prefix.get("ip_prefix").asString(),
                prefix.get("ip_prefix_len").asInt());
        boolean fromStart = subnet.path("addr_from_start").asBoolean(false);
        Optional<IpAddress> gateway = address(path, "default_gateway", subnet, cidr,
                SubnetPlan.defaultGateway(cidr, fromStart));
        Optional<IpAddress> dns = address(path, "dns_server_address", subnet, cidr,
                SubnetPlan.defaultDnsServer(cidr, fromStart));
        List<AddressRange> pools = pools(path, subnet, cidr);
        if (!subnet.hasNonNull("subnet_uuid")) {
            subnet.put("subnet_uuid", knownUuids.getOrDefault(cidr.toString(), newUuid.get()));
        }
        if (!subnet.hasNonNull("enable_dhcp")) {
            subnet.put("enable_dhcp", true);
        }
        if (!subnet.hasNonNull("addr_from_start")) {
            subnet.put("addr_from_start", false);
        }
        return new SubnetPlan(subnet.get("subnet_uuid").asString(), cidr, gateway, dns, pools, fromStart);
    }

    /** Reads or defaults one service address; {@code 0.0.0.0}/{@code ::} mean "none" as in TF. */
    private static Optional<IpAddress> address(String path, String field, ObjectNode subnet, IpSubnet cidr,
                                               IpAddress fallback) {
        if (!subnet.hasNonNull(field)) {
            if (cidr.size().compareTo(java.math.BigInteger.valueOf(4)) < 0) {
                return Optional.empty();
            }
            subnet.put(field, fallback.toString());
            return Optional.of(fallback);
        }
        IpAddress value = IpAddress.parse(subnet.get(field).asString()).orElseThrow();
        if (value.value().signum() == 0) {
            return Optional.empty();
        }
        if (!cidr.contains(value)) {
            throw new BadRequestException("Invalid " + path + "." + field + ": " + value
                    + " is outside subnet " + cidr);
        }
        return Optional.of(value);
    }

    private static List<AddressRange> pools(String path, ObjectNode subnet, IpSubnet cidr) {
        List<AddressRange> pools = new ArrayList<>();
        JsonNode list = subnet.get("allocation_pools");
        if (list == null || list.isNull()) {
            return pools;
        }
        for (int i = 0; i < list.size(); i++) {
            String poolPath = path + ".allocation_pools[" + i + "]";
            JsonNode start = list.get(i).get("start");
            JsonNode end = list.get(i).get("end");
            if (start == null || end == null) {
                throw new BadRequestException("Missing " + poolPath + ".start or .end");
            }
            IpAddress first = IpAddress.parse(start.asString()).orElseThrow();
            IpAddress last = IpAddress.parse(end.asString()).orElseThrow();
            if (!cidr.contains(first) || !cidr.contains(last)) {
                throw new BadRequestException("Invalid " + poolPath + ": " + first + " - " + last
                        + " is outside subnet " + cidr);
            }
            if (first.compareTo(last) > 0) {
                throw new BadRequestException("Invalid " + poolPath + ": start " + first + " is after end " + last);
            }
            pools.add(new AddressRange(first, last));
        }
        return pools;
    }

    /** The subnet plans of a normalised network, in ref and list order. */
    static List<SubnetPlan> plans(JsonNode network) {
        List<SubnetPlan> plans = new ArrayList<>();
        JsonNode refs = network.get(REFS);
        if (refs == null || !refs.isArray()) {
            return plans;
        }
        for (JsonNode ref : refs) {
            JsonNode subnets = ref.path("attr").path("ipam_subnets");
            if (!subnets.isArray()) {
                continue;
            }
            for (JsonNode subnet : subnets) {
                plans.add(planOf(subnet));
            }
        }
        return plans;
    }

    private static SubnetPlan planOf(JsonNode subnet) {
        JsonNode prefix = subnet.get("subnet");
        IpSubnet cidr = IpSubnet.of("subnet", prefix.get("ip_prefix").asString(), prefix.get("ip_prefix_len").asInt());
        List<AddressRange> pools = new ArrayList<>();
        subnet.path("allocation_pools").forEach(p -> pools.add(new AddressRange(
                IpAddress.parse(p.get("start").asString()).orElseThrow(),
                IpAddress.parse(p.get("end").asString()).orElseThrow())));
        return new SubnetPlan(subnet.get("subnet_uuid").asString(), cidr, present(subnet, "default_gateway"),
                present(subnet, "dns_server_address"), pools, subnet.path("addr_from_start").asBoolean(false));
    }

    private static Optional<IpAddress> present(JsonNode subnet, String field) {
        return Optional.ofNullable(subnet.get(field)).filter(JsonNode::isString)
                .flatMap(v -> IpAddress.parse(v.asString())).filter(a -> a.value().signum() != 0);
    }

    /** Refuses to drop a subnet from which addresses are still allocated. */
    static void checkRemovals(List<SubnetPlan> before, List<SubnetPlan> after, ConfigState state) {
        for (SubnetPlan old : before) {
            boolean kept = after.stream().anyMatch(p -> p.subnetUuid().equals(old.subnetUuid()));
            if (!kept && state.subnetInUse(old.subnetUuid())) {
                throw new ConflictException("Cannot remove subnet " + old.subnet() + " (" + old.subnetUuid()
                        + "): addresses are still allocated from it");
            }
        }
    }
}
