package io.filament.agent.port;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.UUID;

/**
 * TF's port-IPC REST surface: {@code POST /port}, {@code GET /port/<uuid>}, {@code DELETE /port/<uuid>},
 * {@code GET /ports}. Served only on the port-API connector (see {@link PortApiConnector}).
 */
@RestController
class PortApiController {

    private final PortRegistry registry;

    PortApiController(PortRegistry registry) {
        this.registry = registry;
    }

    @PostMapping(path = "/port", consumes = "*/*")
    ResponseEntity<JsonNode> add(@RequestBody JsonNode body) {
        Port port = PortJson.read(body);
        registry.add(port);
        return ResponseEntity.ok(PortJson.write(port));
    }

    @GetMapping("/port/{id}")
    JsonNode get(@PathVariable String id) {
        UUID uuid = pathUuid(id);
        return PortJson.write(registry.get(uuid).orElseThrow(() -> new PortNotFoundException(uuid)));
    }

    @DeleteMapping("/port/{id}")
    JsonNode delete(@PathVariable String id) {
        return PortJson.write(registry.delete(pathUuid(id)));
    }

    @GetMapping("/ports")
    ArrayNode list() {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        registry.all().forEach(p -> array.add(PortJson.write(p)));
        return array;
    }

    private static UUID pathUuid(String id) {
        try {
            UUID uuid = UUID.fromString(id);
            if (!uuid.toString().equalsIgnoreCase(id)) {
                throw new IllegalArgumentException(id);
            }
            return uuid;
        } catch (IllegalArgumentException e) {
            throw new InvalidPortException("uuid", id, "is not a UUID");
        }
    }

    @ExceptionHandler(InvalidPortException.class)
    ResponseEntity<ObjectNode> invalid(InvalidPortException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage(), Map.of("field", e.field(), "value", e.value()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ObjectNode> unreadable(HttpMessageNotReadableException e) {
        return error(HttpStatus.BAD_REQUEST, "body: not a JSON document", Map.of("field", "body"));
    }

    @ExceptionHandler(PortConflictException.class)
    ResponseEntity<ObjectNode> conflict(PortConflictException e) {
        return error(HttpStatus.CONFLICT, e.getMessage(), Map.of("field", e.field()));
    }

    @ExceptionHandler(PortNotFoundException.class)
    ResponseEntity<ObjectNode> notFound(PortNotFoundException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage(), Map.of());
    }

    private static ResponseEntity<ObjectNode> error(HttpStatus status, String message, Map<String, String> extra) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("error", message);
        extra.forEach(o::put);
        return ResponseEntity.status(status).body(o);
    }
}
