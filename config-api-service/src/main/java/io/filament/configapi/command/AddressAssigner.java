package io.filament.configapi.command;

import io.filament.configapi.error.BadRequestException;
import io.filament.configapi.error.ConflictException;
import io.filament.configapi.ipam.IpAddress;
import io.filament.configapi.ipam.SubnetPlan;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Picks the address of a new instance-ip or floating-ip from the subnets of its network: the requested one if it
 * is free and allocatable, else the next free one in TF's allocation order.
 */
final class AddressAssigner {

    private final ConfigState state;

    AddressAssigner(ConfigState state) {
        this.state = state;
    }

    /**
     * Sets {@code addressField}, {@code familyField} and (for instance-ips) {@code subnet_uuid} on {@code object}
     * and returns the claim to take.
     */
    Claim.Address assign(ObjectNode object, String uuid, StoredObject network, String addressField,
                         String familyField, boolean recordsSubnet) {
        List<SubnetPlan> plans = IpamSubnets.plans(network.body());
        Optional<String> subnetUuid = object.hasNonNull("subnet_uuid") && recordsSubnet
                ? Optional.of(object.get("subnet_uuid").asString()) : Optional.empty();
        subnetUuid.ifPresent(wanted -> {
            if (plans.stream().noneMatch(p -> p.subnetUuid().equals(wanted))) {
                throw new BadRequestException("Invalid subnet_uuid: " + wanted + " is not a subnet of virtual-network "
                        + network.fqName());
            }
        });
        Claim.Address claim = object.hasNonNull(addressField)
                ? requested(object.get(addressField).asString(), addressField, uuid, network, plans, subnetUuid)
                : next(object, familyField, uuid, network, plans, subnetUuid);
        object.put(addressField, claim.address().toString());
        object.put(familyField, claim.address().family());
        if (recordsSubnet) {
            object.put("subnet_uuid", claim.subnetUuid());
        }
        return claim;
    }

    private Claim.Address requested(String text, String field, String uuid, StoredObject network,
                                    List<SubnetPlan> plans, Optional<String> subnetUuid) {
        IpAddress address = IpAddress.parse(text).orElseThrow(() -> new BadRequestException(
                "Invalid value for " + field + ": '" + text + "' is not an IP address"));
        SubnetPlan plan = plans.stream()
                .filter(p -> subnetUuid.map(p.subnetUuid()::equals).orElse(true))
                .filter(p -> p.subnet().contains(address)).findFirst()
                .orElseThrow(() -> new BadRequestException("Invalid " + field + ": " + address
                        + " is outside the subnets of virtual-network " + network.fqName()));
        plan.reservation(address).ifPresent(reason -> {
            throw new ConflictException("IP address " + address + " already in use: it is " + reason);
        });
        if (state.addressTaken(plan.subnetUuid(), address)) {
            throw new ConflictException("IP address " + address + " already in use in subnet " + plan.subnet());
        }
        return new Claim.Address(plan.subnetUuid(), address, uuid, false);
    }

    private Claim.Address next(ObjectNode object, String familyField, String uuid, StoredObject network,
                               List<SubnetPlan> plans, Optional<String> subnetUuid) {
        String family = object.hasNonNull(familyField) ? object.get(familyField).asString() : "v4";
        List<SubnetPlan> candidates = plans.stream()
                .filter(p -> subnetUuid.map(p.subnetUuid()::equals).orElse(true))
                .filter(p -> p.subnet().network().family().equals(family)).toList();
        if (candidates.isEmpty()) {
            throw new BadRequestException("virtual-network " + network.fqName() + " has no " + family
                    + " subnet to allocate " + familyField.replace("_family", "_address") + " from");
        }
        for (SubnetPlan plan : candidates) {
            Optional<IpAddress> free = state.freeAddress(plan);
            if (free.isPresent()) {
                return new Claim.Address(plan.subnetUuid(), free.get(), uuid, true);
            }
        }
        throw new ConflictException("Virtual-Network(" + String.join(":", network.fqName())
                + ") has exhausted subnet(s) " + candidates.stream().map(p -> p.subnet().toString()).toList()
                + ": subnet exhausted, no free address");
    }
}
