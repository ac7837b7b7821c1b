package io.filament.configapi.rest;

import io.filament.configapi.command.Command;
import io.filament.configapi.command.Decision;
import io.filament.configapi.command.StoredObject;
import io.filament.configapi.error.BadRequestException;
import io.filament.configapi.error.NotFoundException;
import io.filament.configapi.registry.TypeDescriptor;
import io.filament.configapi.registry.TypeRegistry;
import io.filament.configapi.service.ConfigCommandService;
import io.filament.configapi.service.RequestBodies;
import io.filament.configapi.store.CassandraConfigStore;
import io.filament.configapi.store.ListedObject;
import io.filament.configapi.store.StageTimers;
import io.filament.contracts.config.ConfigType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** One REST surface for every registered type: {@code /<type>s} and {@code /<type>/<uuid>}. */
@RestController
class ResourceController {

    private final TypeRegistry registry;
    private final CassandraConfigStore store;
    private final ConfigCommandService service;
    private final RequestBodies bodies;
    private final RequestBodyReader reader;
    private final ObjectRenderer renderer;
    private final JsonMapper json;
    private final StageTimers timers;
    private final RenderedItems rendered = new RenderedItems();

    ResourceController(TypeRegistry registry, CassandraConfigStore store, ConfigCommandService service,
                       RequestBodies bodies, RequestBodyReader reader, JsonMapper json, StageTimers timers) {
        this.timers = timers;
        this.registry = registry;
        this.store = store;
        this.service = service;
        this.bodies = bodies;
        this.reader = reader;
        this.renderer = new ObjectRenderer(store, registry);
        this.json = json;
    }

    static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }

    @PostMapping("/{collection}")
    ResponseEntity<String> create(@PathVariable String collection, HttpServletRequest request) {
        TypeDescriptor d = registry.byCollection(collection);
        byte[] raw = reader.read(request);
        Decision decision = service.execute(bodies.create(d, bodies.parse(raw)), Optional.empty());
        StoredObject created = decision.subject().orElseGet(() -> store.find(decision.subjectUuid()).orElseThrow());
        return respond(HttpStatus.CREATED, created, wrap(d.type(), renderer.render(created, base(),
                new ObjectRenderer.Options(false, false, true, Set.of()))));
    }

    @GetMapping("/{type}/{uuid}")
    ResponseEntity<String> read(@PathVariable String type, @PathVariable String uuid,
                                @RequestParam Map<String, String> params,
                                @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch) {
        StoredObject object = existing(registry.byName(type), uuid);
        if (ifNoneMatch != null && ifNoneMatch.equals(etag(object))) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag(object)).build();
        }
        var options = new ObjectRenderer.Options(!ListQuery.flag(params, "exclude_back_refs"),
                !ListQuery.flag(params, "exclude_children"), !ListQuery.flag(params, "exclude_hrefs"),
                ListQuery.from(params).fields());
        return respond(HttpStatus.OK, object, wrap(object.type(), renderer.render(object, base(), options)));
    }

    @PutMapping("/{type}/{uuid}")
    ResponseEntity<String> update(@PathVariable String type, @PathVariable String uuid, HttpServletRequest request,
                                  @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        TypeDescriptor d = registry.byName(type);
        byte[] raw = reader.read(request);
        StoredObject updated = service.execute(bodies.update(d, uuid, bodies.parse(raw), version(ifMatch)),
                Optional.empty()).subject().orElseGet(() -> existing(d, uuid));
        return respond(HttpStatus.OK, updated, wrap(d.type(), renderer.render(updated, base(),
                new ObjectRenderer.Options(false, false, true, Set.of()))));
    }

    @DeleteMapping("/{type}/{uuid}")
    ResponseEntity<String> delete(@PathVariable String type, @PathVariable String uuid,
                                  @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        TypeDescriptor d = registry.byName(type);
        service.execute(new Command.DeleteObject(d.type(), uuid, version(ifMatch)), Optional.empty());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body("");
    }

    @GetMapping("/{collection}")
    ResponseEntity<byte[]> list(@PathVariable String collection, @RequestParam Map<String, String> params) {
        TypeDescriptor d = registry.byCollection(collection);
        ListQuery query = ListQuery.from(params);
        Optional<String> parentByName = query.parentFqName().map(name -> parentUuid(d, params, name));
        List<ListedObject> selected = timers.time("list-read", () -> store.listRows(d.type())).stream()
                .filter(query.selection(parentByName, json)).toList();
        return timers.time("list-render", () -> render(d, collection, query, selected));
    }

    private ResponseEntity<byte[]> render(TypeDescriptor d, String collection, ListQuery query,
                                          List<ListedObject> selected) {
        if (query.count()) {
            ObjectNode out = json.createObjectNode();
            out.putObject(collection).put("count", selected.size());
            return okBytes(json.writeValueAsBytes(out));
        }
        List<ListedObject> page = selected.stream()
                .filter(o -> query.pageMarker().map(m -> o.uuid().compareTo(m) > 0).orElse(true))
                .limit(query.pageLimit().orElse(Integer.MAX_VALUE)).toList();
        String base = base();
        var options = new ObjectRenderer.Options(false, false, !query.excludeHrefs(), query.fields());
        boolean cacheable = query.detail() && query.fields().isEmpty() && !query.excludeHrefs();
        List<byte[]> items = new ArrayList<>(page.size());
        for (ListedObject row : page) {
            if (cacheable) {
                items.add(rendered.get(row, base, () -> {
                    StoredObject object = row.parse(json);
                    return json.writeValueAsBytes(wrap(d.type(), renderer.renderInPlace(object.body(), object, base,
                            options)));
                }));
            } else if (query.detail()) {
                StoredObject object = row.parse(json);
                items.add(json.writeValueAsBytes(wrap(d.type(), renderer.renderInPlace(object.body(), object, base,
                        options))));
            } else {
                items.add(json.writeValueAsBytes(summary(d, row, base, query)));
            }
        }
        String head = "{\"" + collection + "\":[";
        String tail = "]";
        if (query.pageLimit().isPresent()) {
            boolean more = page.size() == query.pageLimit().get() && selected.size() > page.size();
            tail += ",\"marker\":" + (more ? "\"" + page.getLast().uuid() + "\"" : "null");
        }
        tail += "}";
        return okBytes(JsonArrayBytes.join(head, items, tail));
    }

    private static ResponseEntity<byte[]> okBytes(byte[] body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private ObjectNode summary(TypeDescriptor d, ListedObject row, String base, ListQuery query) {
        ObjectNode item = json.createObjectNode();
        if (!query.excludeHrefs()) {
            item.put("href", ObjectRenderer.href(base, d.type(), row.uuid()));
        }
        row.fqName().forEach(item.putArray("fq_name")::add);
        item.put("uuid", row.uuid());
        if (!query.fields().isEmpty()) {
            JsonNode body = json.readTree(row.bodyJson());
            query.fields().stream().filter(body::has).forEach(f -> item.set(f, body.get(f)));
        }
        return item;
    }

    private String parentUuid(TypeDescriptor d, Map<String, String> params, List<String> name) {
        List<ConfigType> types = Optional.ofNullable(params.get("parent_type"))
                .map(t -> List.of(registry.byName(t).type())).orElse(d.parents());
        return types.stream().map(t -> store.find(t, name)).flatMap(Optional::stream).findFirst()
                .map(StoredObject::uuid)
                .orElseThrow(() -> new NotFoundException("Parent " + name + " not found"));
    }

    private StoredObject existing(TypeDescriptor d, String uuid) {
        return store.find(uuid).filter(o -> o.type() == d.type()).orElseThrow(
                () -> new NotFoundException(d.type().dashed() + " with UUID " + uuid + " not found"));
    }

    private ObjectNode wrap(ConfigType type, ObjectNode object) {
        ObjectNode out = json.createObjectNode();
        out.set(type.dashed(), object);
        return out;
    }

    private static String etag(StoredObject object) {
        return "\"" + object.version() + "\"";
    }

    private static OptionalLong version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return OptionalLong.empty();
        }
        String digits = ifMatch.trim().replaceFirst("^W/", "").replace("\"", "");
        try {
            return OptionalLong.of(Long.parseLong(digits));
        } catch (NumberFormatException e) {
            throw new BadRequestException("Invalid If-Match: '" + ifMatch + "' (expected an object version)");
        }
    }

    private ResponseEntity<String> respond(HttpStatus status, StoredObject object, ObjectNode body) {
        return ResponseEntity.status(status).eTag(etag(object)).contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsString(body));
    }

    private ResponseEntity<String> ok(ObjectNode body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(body));
    }
}
