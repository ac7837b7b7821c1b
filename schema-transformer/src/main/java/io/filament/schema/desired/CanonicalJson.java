package io.filament.schema.desired;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Serialises desired records with sorted keys and no insignificant whitespace: equal records, equal bytes.
 *
 * <p>Record values hold only maps with string keys, lists, strings, integral numbers and booleans, so they are
 * walked here and written straight to a streaming generator instead of through a data-binding mapper, which looks
 * up a serializer for every map value and, in a full recompute, spent about half of the time doing so. Maps that
 * are not already sorted by their keys' natural order are written sorted.
 */
public final class CanonicalJson {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final int INITIAL_BUFFER = 1024;

    private CanonicalJson() {
    }

    public static byte[] bytes(DesiredRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(INITIAL_BUFFER);
        try (JsonGenerator generator = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            write(generator, record.value());
        }
        return out.toByteArray();
    }

    public static String text(DesiredRecord record) {
        return new String(bytes(record), StandardCharsets.UTF_8);
    }

    private static void write(JsonGenerator generator, Object value) {
        switch (value) {
            case null -> generator.writeNull();
            case String text -> generator.writeString(text);
            case Integer number -> generator.writeNumber(number);
            case Long number -> generator.writeNumber(number);
            case Boolean flag -> generator.writeBoolean(flag);
            case Map<?, ?> map -> writeObject(generator, map);
            case Collection<?> items -> {
                generator.writeStartArray();
                for (Object item : items) {
                    write(generator, item);
                }
                generator.writeEndArray();
            }
            default -> throw new IllegalArgumentException("desired record value of type "
                    + value.getClass().getName() + " (" + value + "): expected a map, list, string, integer or boolean");
        }
    }

    private static void writeObject(JsonGenerator generator, Map<?, ?> map) {
        Map<?, ?> sorted = map instanceof SortedMap<?, ?> ordered && ordered.comparator() == null ? map
                : new TreeMap<>(map);
        generator.writeStartObject();
        for (Map.Entry<?, ?> entry : sorted.entrySet()) {
            if (!(entry.getKey() instanceof String name)) {
                throw new IllegalArgumentException("desired record key " + entry.getKey() + ": expected a string");
            }
            generator.writeName(name);
            write(generator, entry.getValue());
        }
        generator.writeEndObject();
    }
}
