package io.filament.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Value on {@code filament.config.v1}: the latest state of one object.
 *
 * @param type    TF type name in dash form
 * @param uuid    object uuid
 * @param version object version, 1 on create, +1 per accepted change
 * @param fqName  fully qualified name
 * @param object  the object as {@code GET /<type>/<uuid>} returns it without the outer type key, forward refs
 *                only (no back-refs, children or hrefs)
 */
public record ConfigSnapshot(
        String type,
        String uuid,
        long version,
        @JsonProperty("fq_name") List<String> fqName,
        JsonNode object) {

    public ConfigSnapshot {
        fqName = List.copyOf(fqName);
    }
}
