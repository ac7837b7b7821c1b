package io.filament.schema.desired;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Serialises desired record values with sorted keys and no insignificant whitespace (equal values, equal bytes),
 * and reads them back.
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

    /** The record's canonical bytes, made when the record was; the array is shared, do not modify it. */
    public static byte[] bytes(DesiredRecord record) {
        return record.json();
    }

    /** Serialises one record value (see {@link DesiredRecord}); the result is a fresh array. */
    static byte[] write(Map<String, Object> value) {
        ByteArrayOutputStream out = BUFFER.get();
        out.reset();
        try (JsonGenerator generator = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            write(generator, value);
        }
        return out.toByteArray();
    }

    /** The canonical JSON of one value of the record model (a map, a list, …), to be embedded in record values. */
    public static JsonFragment fragment(Object value) {
        ByteArrayOutputStream out = BUFFER.get();
        out.reset();
        try (JsonGenerator generator = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            write(generator, value);
        }
        return new JsonFragment(out.toString(StandardCharsets.UTF_8));
    }

    /** Reads canonical bytes back into the record model: sorted maps, lists, strings, Integer or Long, booleans. */
    static Map<String, Object> parse(byte[] json) {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), json)) {
            parser.nextToken();
            @SuppressWarnings("unchecked")
            Map<String, Object> value = (Map<String, Object>) read(parser);
            return value;
        }
    }

    private static Object read(JsonParser parser) {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                SortedMap<String, Object> map = new TreeMap<>();
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    map.put(name, read(parser));
                }
                return Collections.unmodifiableSortedMap(map);
            }
            case START_ARRAY -> {
                List<Object> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(parser));
                }
                return Collections.unmodifiableList(items);
            }
            case VALUE_STRING -> {
                return parser.getString();
            }
            case VALUE_NUMBER_INT -> {
                long number = parser.getLongValue();
                return number == (int) number ? (Object) (int) number : (Object) number;
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IllegalStateException("unexpected " + token + " in canonical JSON");
        }
    }

    public static String text(DesiredRecord record) {
        return new String(record.json(), StandardCharsets.UTF_8);
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
        } else if (value instanceof JsonFragment fragment) {
            generator.writeRawValue(fragment.json());
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
                    + " (" + value + "): expected a map, list, string, integer, boolean or JSON fragment");
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
