package io.filament.configapi.command;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** TF's {@code id_perms} and {@code perms2}, with creation and modification times from the injected clock. */
final class ObjectMetadata {

    private static final DateTimeFormatter TF_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private final Clock clock;

    ObjectMetadata(Clock clock) {
        this.clock = clock;
    }

    String now() {
        return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).format(TF_TIME);
    }

    /** Fills {@code id_perms} on create, keeping the client's {@code enable}, {@code description} etc. */
    void onCreate(ObjectNode object, String uuid) {
        ObjectNode idPerms = object.has("id_perms") && object.get("id_perms").isObject()
                ? (ObjectNode) object.get("id_perms") : object.putObject("id_perms");
        UUID parsed = UUID.fromString(uuid);
        ObjectNode uuidNode = idPerms.putObject("uuid");
        uuidNode.put("uuid_mslong", Long.toUnsignedString(parsed.getMostSignificantBits()));
        uuidNode.put("uuid_lslong", Long.toUnsignedString(parsed.getLeastSignificantBits()));
        String now = now();
        idPerms.put("created", now);
        idPerms.put("last_modified", now);
        putIfAbsent(idPerms, "enable", true);
        putIfAbsent(idPerms, "user_visible", true);
        if (!idPerms.has("permissions")) {
            ObjectNode permissions = idPerms.putObject("permissions");
            permissions.put("owner", "cloud-admin");
            permissions.put("owner_access", 7);
            permissions.put("group", "cloud-admin-group");
            permissions.put("group_access", 7);
            permissions.put("other_access", 7);
        }
        if (!object.has("perms2")) {
            ObjectNode perms2 = object.putObject("perms2");
            perms2.put("owner", "cloud-admin");
            perms2.put("owner_access", 7);
            perms2.put("global_access", 0);
            perms2.putArray("share");
        }
    }

    /** Merges client changes of {@code id_perms} (never the uuid or creation time) and stamps the change time. */
    void onUpdate(ObjectNode merged, ObjectNode previous, JsonNode requestedIdPerms) {
        ObjectNode idPerms = ((ObjectNode) previous.get("id_perms")).deepCopy();
        if (requestedIdPerms != null && requestedIdPerms.isObject()) {
            for (String field : requestedIdPerms.propertyNames()) {
                if (!field.equals("uuid") && !field.equals("created") && !field.equals("last_modified")) {
                    idPerms.set(field, requestedIdPerms.get(field));
                }
            }
        }
        idPerms.put("last_modified", now());
        merged.set("id_perms", idPerms);
    }

    private static void putIfAbsent(ObjectNode node, String field, boolean value) {
        if (!node.hasNonNull(field)) {
            node.put(field, value);
        }
    }
}
