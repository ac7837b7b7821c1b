package io.filament.schema.desired;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Serialises desired records with sorted keys and no insignificant whitespace: equal records, equal bytes. */
public final class CanonicalJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private CanonicalJson() {
    }

    public static byte[] bytes(DesiredRecord record) {
        return MAPPER.writeValueAsBytes(record.value());
    }

    public static String text(DesiredRecord record) {
        return MAPPER.writeValueAsString(record.value());
    }
}
