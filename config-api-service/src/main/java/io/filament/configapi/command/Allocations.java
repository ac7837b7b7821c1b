package io.filament.configapi.command;

import io.filament.configapi.error.BadRequestException;
import io.filament.configapi.registry.Allocation;
import io.filament.configapi.registry.TypeDescriptor;
import io.filament.contracts.config.ConfigOperation;
import io.filament.contracts.config.ConfigType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The server-side allocations and derived objects of TF's API server, switched on by type descriptions. */
final class Allocations {

    static final String GLOBAL_SYSTEM_CONFIG = "default-global-system-config";

    private final DecisionContext ctx;

    Allocations(DecisionContext ctx) {
        this.ctx = ctx;
    }

    void beforeCreate(TypeDescriptor d, ObjectNode input, ObjectNode object, Optional<StoredObject> parent) {
        String uuid = object.get("uuid").asString();
        if (d.has(Allocation.IPAM_SUBNETS)) {
            IpamSubnets.normalize(object, List.of(), ctx::newUuid);
        }
        if (d.has(Allocation.NETWORK_ID)) {
            refuseSystemField(input, "virtual_network_network_id");
            long id = ctx.state.freeId(IdPool.VIRTUAL_NETWORK_ID);
            object.put("virtual_network_network_id", id);
            ctx.claims.add(new Claim.Id(IdPool.VIRTUAL_NETWORK_ID, id, uuid));
        }
        if (d.has(Allocation.SECURITY_GROUP_ID)) {
            refuseSystemField(input, "security_group_id");
            long configured = object.path("configured_security_group_id").asLong(0);
            if (configured > 0) {
                object.put("security_group_id", configured);
            } else {
                long id = ctx.state.freeId(IdPool.SECURITY_GROUP_ID);
                object.put("security_group_id", id);
                ctx.claims.add(new Claim.Id(IdPool.SECURITY_GROUP_ID, id, uuid));
            }
        }
        if (d.has(Allocation.INTERFACE_DEFAULTS)) {
            interfaceDefaults(object, uuid);
        }
        if (d.has(Allocation.INSTANCE_IP_ADDRESS)) {
            StoredObject network = firstRef(object, ConfigType.VIRTUAL_NETWORK);
            ctx.claims.add(new AddressAssigner(ctx.state).assign(object, uuid, network, "instance_ip_address",
                    "instance_ip_family", true));
        }
        if (d.has(Allocation.FLOATING_IP_ADDRESS)) {
            StoredObject pool = parent.orElseThrow();
            StoredObject network = ctx.state.find(pool.parentUuid().orElseThrow()).orElseThrow();
            ctx.claims.add(new AddressAssigner(ctx.state).assign(object, uuid, network, "floating_ip_address",
                    "floating_ip_address_family", false));
        }
    }

    void afterCreate(TypeDescriptor d, StoredObject created, CreateDecider creates) {
        if (d.has(Allocation.DEFAULT_ROUTING_INSTANCE)) {
            ObjectNode ri = JsonNodeFactory.instance.objectNode();
            ArrayNode fq = ri.putArray("fq_name");
            defaultInstanceName(created.fqName()).forEach(fq::add);
            ri.put("parent_type", ConfigType.VIRTUAL_NETWORK.dashed());
            ri.put("routing_instance_is_default", true);
            creates.create(ConfigType.ROUTING_INSTANCE, ri);
        }
        if (d.has(Allocation.DEFAULT_SECURITY_GROUP)) {
            creates.create(ConfigType.SECURITY_GROUP, DefaultSecurityGroup.of(created.fqName(), ctx::newUuid));
        }
        if (d.has(Allocation.VROUTER_BINDING)) {
            bindVirtualRouter(created);
        }
    }

    private void refuseSystemField(ObjectNode input, String field) {
        if (input.hasNonNull(field)) {
            throw new BadRequestException("Invalid field " + field + ": " + input.get(field)
                    + " is allocated by the system and cannot be set");
        }
    }

    private void interfaceDefaults(ObjectNode object, String uuid) {
        if (!object.has("virtual_machine_interface_mac_addresses")) {
            String hex = uuid.replace("-", "");
            StringBuilder mac = new StringBuilder("02");
            for (int i = 0; i < 10; i += 2) {
                mac.append(':').append(hex, i, i + 2);
            }
            object.putObject("virtual_machine_interface_mac_addresses").putArray("mac_address").add(mac.toString());
        }
        String riField = ConfigType.ROUTING_INSTANCE.underscored() + "_refs";
        if (!object.has(riField)) {
            StoredObject network = firstRef(object, ConfigType.VIRTUAL_NETWORK);
            ctx.state.find(ConfigType.ROUTING_INSTANCE, defaultInstanceName(network.fqName())).ifPresent(ri -> {
                ObjectNode attr = JsonNodeFactory.instance.objectNode().put("direction", "both");
                object.putArray(riField).add(new RefLink(ConfigType.ROUTING_INSTANCE, ri.uuid(), ri.fqName(),
                        Optional.of(attr)).toJson());
            });
        }
    }

    private StoredObject firstRef(ObjectNode object, ConfigType target) {
        JsonNode ref = object.get(target.underscored() + "_refs").get(0);
        return ctx.state.find(ref.get("uuid").asString()).orElseThrow();
    }

    /** TF's default routing instance of a network: {@code <network fq_name>:<network name>}. */
    static List<String> defaultInstanceName(List<String> networkFqName) {
        List<String> name = new ArrayList<>(networkFqName);
        name.add(networkFqName.getLast());
        return name;
    }

    static Optional<String> hostId(JsonNode vmi) {
        for (JsonNode pair : vmi.path("virtual_machine_interface_bindings").path("key_value_pair")) {
            if ("host_id".equals(pair.path("key").asString("")) && !pair.path("value").asString("").isEmpty()) {
                return Optional.of(pair.get("value").asString());
            }
        }
        return Optional.empty();
    }

    /** TF: a VMI bound to {@code host_id} makes that host's virtual-router reference the VMI's VM. */
    private void bindVirtualRouter(StoredObject vmi) {
        Optional<String> host = hostId(vmi.body());
        List<RefLink> machines = vmi.refsTo(ConfigType.VIRTUAL_MACHINE);
        if (host.isEmpty() || machines.isEmpty()) {
            return;
        }
        ctx.state.find(ConfigType.VIRTUAL_ROUTER, List.of(GLOBAL_SYSTEM_CONFIG, host.get())).ifPresent(router -> {
            List<RefLink> present = router.refsTo(ConfigType.VIRTUAL_MACHINE);
            ArrayNode refs = JsonNodeFactory.instance.arrayNode();
            present.forEach(r -> refs.add(r.toJson()));
            boolean added = false;
            for (RefLink vm : machines) {
                if (present.stream().noneMatch(r -> r.uuid().equals(vm.uuid()))) {
                    refs.add(vm.toJson());
                    added = true;
                }
            }
            if (added) {
                replaceRefs(router, ConfigType.VIRTUAL_MACHINE, refs);
            }
        });
    }

    /** TF: the host's virtual-router drops the VM once the last VMI of that VM on that host is gone. */
    void unbindVirtualRouter(StoredObject vmi) {
        Optional<String> host = hostId(vmi.body());
        if (host.isEmpty()) {
            return;
        }
        ctx.state.find(ConfigType.VIRTUAL_ROUTER, List.of(GLOBAL_SYSTEM_CONFIG, host.get())).ifPresent(router -> {
            Set<String> machines = vmi.refsTo(ConfigType.VIRTUAL_MACHINE).stream().map(RefLink::uuid)
                    .collect(Collectors.toSet());
            ArrayNode kept = JsonNodeFactory.instance.arrayNode();
            boolean dropped = false;
            for (RefLink vm : router.refsTo(ConfigType.VIRTUAL_MACHINE)) {
                boolean ours = machines.contains(vm.uuid());
                if (ours && !otherInterfaceOnHost(vm.uuid(), vmi.uuid(), host.get())) {
                    dropped = true;
                } else {
                    kept.add(vm.toJson());
                }
            }
            if (dropped) {
                replaceRefs(router, ConfigType.VIRTUAL_MACHINE, kept);
            }
        });
    }

    private boolean otherInterfaceOnHost(String vmUuid, String leavingVmi, String host) {
        return ctx.state.backRefs(vmUuid).stream()
                .filter(l -> l.type() == ConfigType.VIRTUAL_MACHINE_INTERFACE && !l.uuid().equals(leavingVmi))
                .map(l -> ctx.state.find(l.uuid())).flatMap(Optional::stream)
                .anyMatch(other -> hostId(other.body()).filter(host::equals).isPresent());
    }

    private void replaceRefs(StoredObject router, ConfigType target, ArrayNode refs) {
        ObjectNode after = router.body().deepCopy();
        if (refs.isEmpty()) {
            after.remove(target.underscored() + "_refs");
        } else {
            after.set(target.underscored() + "_refs", refs);
        }
        ctx.metadata.onUpdate(after, router.body(), null);
        long version = router.version() + 1;
        ctx.changes.add(new ObjectChange(router.type(), router.uuid(), router.fqName(), ConfigOperation.UPDATED,
                version, List.of(target.underscored() + "_refs"), after, Optional.of(router.body())));
    }

    /** What a deleted object gives back: its fq_name and whatever was allocated for it. */
    void releases(StoredObject object) {
        ctx.releases.add(new Claim.FqName(object.type(), String.join(":", object.fqName()), object.uuid()));
        TypeDescriptor d = ctx.registry.describe(object.type());
        JsonNode body = object.body();
        if (d.has(Allocation.NETWORK_ID) && body.has("virtual_network_network_id")) {
            ctx.releases.add(new Claim.Id(IdPool.VIRTUAL_NETWORK_ID, body.get("virtual_network_network_id").asLong(),
                    object.uuid()));
        }
        if (d.has(Allocation.SECURITY_GROUP_ID) && body.path("configured_security_group_id").asLong(0) == 0
                && body.has("security_group_id")) {
            ctx.releases.add(new Claim.Id(IdPool.SECURITY_GROUP_ID, body.get("security_group_id").asLong(),
                    object.uuid()));
        }
        if (d.has(Allocation.INSTANCE_IP_ADDRESS) && body.has("instance_ip_address")) {
            ctx.releases.add(new Claim.Address(body.get("subnet_uuid").asString(),
                    io.filament.configapi.ipam.IpAddress.parse(body.get("instance_ip_address").asString())
                            .orElseThrow(), object.uuid(), false));
        }
        if (d.has(Allocation.FLOATING_IP_ADDRESS) && body.has("floating_ip_address")) {
            floatingSubnet(object).ifPresent(ctx.releases::add);
        }
    }

    private Optional<Claim.Address> floatingSubnet(StoredObject fip) {
        var address = io.filament.configapi.ipam.IpAddress.parse(fip.body().get("floating_ip_address").asString())
                .orElseThrow();
        return fip.parentUuid().flatMap(ctx.state::find).flatMap(StoredObject::parentUuid).flatMap(ctx.state::find)
                .flatMap(network -> IpamSubnets.plans(network.body()).stream()
                        .filter(p -> p.subnet().contains(address)).findFirst())
                .map(plan -> new Claim.Address(plan.subnetUuid(), address, fip.uuid(), false));
    }
}
