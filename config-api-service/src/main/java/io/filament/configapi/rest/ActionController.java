package io.filament.configapi.rest;

import io.filament.configapi.command.StoredObject;
import io.filament.configapi.error.BadRequestException;
import io.filament.configapi.error.NotFoundException;
import io.filament.configapi.registry.TypeDescriptor;
import io.filament.configapi.registry.TypeRegistry;
import io.filament.configapi.service.ConfigCommandService;
import io.filament.configapi.service.RequestBodies;
import io.filament.configapi.store.CassandraConfigStore;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** TF's action endpoints scripts rely on, and the homepage listing every collection and action. */
@RestController
class ActionController {

    private static final List<String> ACTIONS = List.of("fqname-to-id", "id-to-fqname", "ref-update");

    private final TypeRegistry registry;
    private final CassandraConfigStore store;
    private final ConfigCommandService service;
    private final RequestBodies bodies;
    private final RequestBodyReader reader;
    private final JsonMapper json;

    ActionController(TypeRegistry registry, CassandraConfigStore store, ConfigCommandService service,
                     RequestBodies bodies, RequestBodyReader reader, JsonMapper json) {
        this.registry = registry;
        this.store = store;
        this.service = service;
        this.bodies = bodies;
        this.reader = reader;
        this.json = json;
    }

    @GetMapping("/")
    ResponseEntity<String> homepage() {
        String base = ResourceController.base();
        ObjectNode out = json.createObjectNode().put("href", base);
        ArrayNode links = out.putArray("links");
        links.addObject().putObject("link").put("rel", "root").put("href", base + "/config-root")
                .put("name", "config-root");
        for (TypeDescriptor d : registry.all()) {
            links.addObject().putObject("link").put("rel", "collection").put("href", base + "/" + d.type().collection())
                    .put("name", d.type().dashed());
            links.addObject().putObject("link").put("rel", "resource-base").put("href", base + "/" + d.type().dashed())
                    .put("name", d.type().dashed());
        }
        for (String action : ACTIONS) {
            links.addObject().putObject("link").put("rel", "action").put("href", base + "/" + action)
                    .put("name", action);
        }
        return ok(out);
    }

    @PostMapping("/fqname-to-id")
    ResponseEntity<String> fqNameToId(HttpServletRequest request) {
        JsonNode body = bodies.parse(reader.read(request));
        TypeDescriptor d = registry.byName(text(body, "type"));
        JsonNode fq = body.get("fq_name");
        if (fq == null || !fq.isArray() || fq.isEmpty()) {
            throw new BadRequestException("Missing or invalid 'fq_name' in request body: " + fq);
        }
        List<String> name = new ArrayList<>();
        fq.forEach(p -> name.add(p.asString()));
        StoredObject object = store.find(d.type(), name)
                .orElseThrow(() -> new NotFoundException("Name " + name + " not found"));
        return ok(json.createObjectNode().put("uuid", object.uuid()));
    }

    @PostMapping("/id-to-fqname")
    ResponseEntity<String> idToFqName(HttpServletRequest request) {
        JsonNode body = bodies.parse(reader.read(request));
        String uuid = text(body, "uuid");
        StoredObject object = store.find(uuid).orElseThrow(() -> new NotFoundException("UUID " + uuid + " not found"));
        ObjectNode out = json.createObjectNode();
        object.fqName().forEach(out.putArray("fq_name")::add);
        out.put("type", object.type().dashed());
        return ok(out);
    }

    @PostMapping("/ref-update")
    ResponseEntity<String> refUpdate(HttpServletRequest request) {
        JsonNode body = bodies.parse(reader.read(request));
        var command = bodies.refUpdate(body);
        service.execute(command, Optional.empty());
        return ok(json.createObjectNode().put("uuid", command.uuid()));
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isString()) {
            throw new BadRequestException("Missing or invalid '" + field + "' in request body");
        }
        return value.asString();
    }

    private ResponseEntity<String> ok(ObjectNode body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(body));
    }
}
