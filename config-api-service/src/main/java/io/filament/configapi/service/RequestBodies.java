package io.filament.configapi.service;

import io.filament.configapi.command.Command;
import io.filament.configapi.error.BadRequestException;
import io.filament.configapi.registry.TypeDescriptor;
import io.filament.configapi.registry.TypeRegistry;
import io.filament.contracts.config.ConfigCommand;
import io.filament.contracts.config.ConfigType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Reads VNC request bodies into commands; REST and the command topic share it, so both accept the same JSON. */
public final class RequestBodies {

    private final TypeRegistry registry;
    private final JsonMapper json;

    public RequestBodies(TypeRegistry registry, JsonMapper json) {
        this.registry = registry;
        this.json = json;
    }

    public JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw new BadRequestException("Malformed JSON body: the body is empty");
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            throw new BadRequestException("Malformed JSON body: " + e.getOriginalMessage());
        }
    }

    /** {@code {"virtual-network": {...}}} → the inner object, which must be a JSON object. */
    public ObjectNode unwrap(ConfigType type, JsonNode body) {
        JsonNode inner = body.get(type.dashed());
        if (!body.isObject() || inner == null || !inner.isObject()) {
            throw new BadRequestException("Body must be {\"" + type.dashed() + "\": {...}}, got field(s) "
                    + (body.isObject() ? new ArrayList<>(body.propertyNames()) : body.getNodeType()));
        }
        return (ObjectNode) inner;
    }

    public Command.CreateObject create(TypeDescriptor d, JsonNode body) {
        return new Command.CreateObject(d.type(), unwrap(d.type(), body));
    }

    public Command.UpdateObject update(TypeDescriptor d, String uuid, JsonNode body, OptionalLong ifMatch) {
        return new Command.UpdateObject(d.type(), uuid, unwrap(d.type(), body), ifMatch);
    }

    /** The {@code /ref-update} body: type, uuid, ref-type, ref-uuid or ref-fq-name, operation, attr. */
    public Command.UpdateRef refUpdate(JsonNode body) {
        TypeDescriptor d = registry.byName(required(body, "type"));
        String uuid = required(body, "uuid");
        ConfigType refType = ConfigType.fromDashed(required(body, "ref-type")).orElseThrow(() ->
                new BadRequestException("Invalid ref-type: '" + body.get("ref-type").asString() + "'"));
        String operation = required(body, "operation").toUpperCase(Locale.ROOT);
        if (!operation.equals("ADD") && !operation.equals("DELETE")) {
            throw new BadRequestException("Invalid operation: '" + body.get("operation").asString()
                    + "' (expected ADD or DELETE)");
        }
        Optional<String> refUuid = Optional.ofNullable(body.get("ref-uuid")).filter(JsonNode::isString)
                .map(JsonNode::asString);
        Optional<List<String>> refFqName = Optional.ofNullable(body.get("ref-fq-name")).filter(JsonNode::isArray)
                .map(a -> {
                    List<String> parts = new ArrayList<>();
                    a.forEach(p -> parts.add(p.asString()));
                    return parts;
                });
        if (refUuid.isEmpty() && refFqName.isEmpty()) {
            throw new BadRequestException("ref-update needs ref-uuid or ref-fq-name");
        }
        JsonNode attr = body.get("attr");
        return new Command.UpdateRef(d.type(), uuid, refType, refUuid, refFqName,
                Command.RefOperation.valueOf(operation),
                attr == null || attr.isNull() ? Optional.empty() : Optional.of(attr));
    }

    /** A command from {@code filament.config.commands.v1}. */
    public Command fromTopic(ConfigCommand command) {
        if (command.operation() == null || command.type() == null) {
            throw new BadRequestException("Command needs 'operation' and 'type'");
        }
        TypeDescriptor d = registry.byName(command.type());
        return switch (command.operation()) {
            case CREATE -> create(d, body(command));
            case UPDATE -> update(d, uuid(command), body(command), OptionalLong.empty());
            case DELETE -> new Command.DeleteObject(d.type(), uuid(command), OptionalLong.empty());
            case REF_UPDATE -> refUpdate(body(command));
        };
    }

    private static JsonNode body(ConfigCommand command) {
        if (command.body() == null || command.body().isNull()) {
            throw new BadRequestException("Command " + command.operation().wireName() + " needs a 'body'");
        }
        return command.body();
    }

    private static String uuid(ConfigCommand command) {
        if (command.uuid() == null || command.uuid().isBlank()) {
            throw new BadRequestException("Command " + command.operation().wireName() + " needs a 'uuid'");
        }
        return command.uuid();
    }

    private static String required(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw new BadRequestException("Missing or invalid '" + field + "' in request body");
        }
        return value.asString();
    }
}
