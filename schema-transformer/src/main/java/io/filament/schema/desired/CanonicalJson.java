package io.filament.schema.desired;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
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
 * up a serializer for every map value and, in a full recompute, spent about half of the time doing so. Maps of
 * more than one entry that are not already sorted by their keys' natural order are written sorted.
 */
public final class CanonicalJson {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    /** One growing buffer per thread, reused record after record: only the result is allocated per record. */
    private static final ThreadLocal<ByteArrayOutputStream> BUFFER =
            ThreadLocal.withInitial(() -> new ByteArrayOutputStream(8192));

    private CanonicalJson() {
    }

    public static byte[] bytes(DesiredRecord record) {
        ByteArrayOutputStream out = BUFFER.get();
        out.reset();
        try (JsonGenerator generator = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            write(generator, record.value());
        }
        return out.toByteArray();
    }

    public static String text(DesiredRecord record) {
        return new String(bytes(record), StandardCharsets.UTF_8);
    }

    /**
     * The bytes of many records, in their order, serialised on the common fork-join pool as well as the calling
     * thread: each record is written on its own, from immutable values, so the work splits freely.
     */
    public static List<byte[]> bytes(List<DesiredRecord> records) {
        return records.parallelStream().map(CanonicalJson::bytes).toList();
    }

    private static void write(JsonGenerator generator, Object value) {
        if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof Map<?, ?> map) {
            writeObject(generator, map);
        } else if (value instanceof Collection<?> items) {
            generator.writeStartArray();
            for (Object item : items) {
                write(generator, item);
            }
            generator.writeEndArray();
        } else if (value instanceof Integer number) {
            generator.writeNumber(number);
        } else if (value instanceof Long number) {
            generator.writeNumber(number);
        } else if (value instanceof Boolean flag) {
            generator.writeBoolean(flag);
        } else if (value == null) {
            generator.writeNull();
        } else {
            throw new IllegalArgumentException("desired record value of type " + value.getClass().getName()
                    + " (" + value + "): expected a map, list, string, integer or boolean");
        }
    }

    private static void writeObject(JsonGenerator generator, Map<?, ?> map) {
        Map<?, ?> sorted = map.size() <= 1 || map instanceof SortedMap<?, ?> ordered && ordered.comparator() == null
                ? map : new TreeMap<>(map);
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
