package io.filament.configapi.command;

import io.filament.configapi.registry.TypeDescriptor;
import io.filament.configapi.registry.TypeRegistry;
import io.filament.contracts.config.ConfigType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The objects a command's decision will most likely read, known before deciding from the command alone: the
 * addressed object, a new object's own uuid, its parent, and everything its refs name. The store reads them in
 * parallel instead of one round trip after the other as the decision reaches them. Only a guess: anything malformed
 * is left out here and refused by the decision itself, and the decision reads whatever the guess missed.
 *
 * @param uuids     objects named by uuid
 * @param names     objects named by type and fq_name
 * @param newObject the uuid a create asks for, whose event log the decision checks
 */
public record ReadAhead(List<String> uuids, List<Named> names, Optional<String> newObject) {

    /** An object named by type and fq_name. */
    public record Named(ConfigType type, List<String> fqName) {
    }

    public ReadAhead {
        uuids = List.copyOf(uuids);
        names = List.copyOf(names);
    }

    public static ReadAhead of(TypeRegistry registry, Command command) {
        List<String> uuids = new ArrayList<>();
        List<Named> names = new ArrayList<>();
        Optional<String> newObject = Optional.empty();
        switch (command) {
            case Command.CreateObject c -> {
                newObject = text(c.body().get("uuid"));
                newObject.ifPresent(uuids::add);
                TypeDescriptor descriptor = registry.describe(c.type());
                fqName(c.body().get("fq_name")).filter(n -> n.size() > 1).ifPresent(n -> descriptor.parents()
                        .forEach(parent -> names.add(new Named(parent, n.subList(0, n.size() - 1)))));
                refs(descriptor, c.body(), uuids, names);
                if (c.type() == ConfigType.VIRTUAL_MACHINE_INTERFACE) {
                    interfaceNeighbours(c.body(), names);
                }
            }
            case Command.UpdateObject u -> {
                uuids.add(u.uuid());
                refs(registry.describe(u.type()), u.body(), uuids, names);
            }
            case Command.DeleteObject d -> uuids.add(d.uuid());
            case Command.UpdateRef r -> {
                uuids.add(r.uuid());
                r.refUuid().ifPresent(uuids::add);
            }
        }
        return new ReadAhead(uuids, names, newObject);
    }

    private static void refs(TypeDescriptor descriptor, JsonNode body, List<String> uuids, List<Named> names) {
        for (String field : body.propertyNames()) {
            JsonNode refs = body.get(field);
            Optional<ConfigType> target = descriptor.refByField(field).map(spec -> spec.target());
            if (target.isEmpty() || !refs.isArray()) {
                continue;
            }
            for (JsonNode ref : refs) {
                Optional<String> uuid = text(ref.get("uuid"));
                if (uuid.isPresent()) {
                    uuids.add(uuid.get());
                } else {
                    fqName(ref.get("to")).ifPresent(n -> names.add(new Named(target.get(), n)));
                }
            }
        }
    }

    /**
     * What a new interface's decision reads besides its refs: the default routing instance of a network named by
     * fq_name ({@code <network fq_name>:<network name>}) and the virtual-router of the host it is bound to.
     */
    private static void interfaceNeighbours(JsonNode body, List<Named> names) {
        JsonNode networks = body.get(ConfigType.VIRTUAL_NETWORK.underscored() + "_refs");
        if (networks != null && networks.isArray() && !networks.isEmpty()) {
            fqName(networks.get(0).get("to")).ifPresent(n -> names.add(new Named(ConfigType.ROUTING_INSTANCE,
                    Allocations.defaultInstanceName(n))));
        }
        Allocations.hostId(body).ifPresent(host -> names.add(new Named(ConfigType.VIRTUAL_ROUTER,
                List.of(Allocations.GLOBAL_SYSTEM_CONFIG, host))));
    }

    private static Optional<String> text(JsonNode value) {
        return value != null && value.isString() ? Optional.of(value.asString()) : Optional.empty();
    }

    private static Optional<List<String>> fqName(JsonNode value) {
        if (value == null || !value.isArray() || value.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode part : value) {
            if (!part.isString()) {
                return Optional.empty();
            }
            parts.add(part.asString());
        }
        return Optional.of(parts);
    }
}
