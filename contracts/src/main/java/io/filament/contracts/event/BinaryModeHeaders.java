package io.filament.contracts.event;

import io.filament.contracts.InvalidValueException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The binary content mode of the CloudEvents Kafka protocol binding: every attribute becomes one record
 * header with a UTF-8 value; the record value is the event data untouched, and an event without data is a
 * tombstone. Header names are exactly those of {@link EventAttribute#headerName()}: {@code ce_id},
 * {@code ce_source}, {@code ce_type}, {@code ce_subject}, {@code ce_time}, {@code ce_specversion},
 * {@code content-type} and {@code correlationid}.
 *
 * <p>The headers are given as a name → bytes map so that this module needs no Kafka client; a Kafka
 * producer adds each entry as a header, a consumer collects its headers into a map (for a repeated header
 * name, the last one counts, as {@code Headers.lastHeader} does).
 */
public final class BinaryModeHeaders {

    private BinaryModeHeaders() {
    }

    /** The headers for {@code envelope}, in {@link EventAttribute} order, absent attributes left out. */
    public static Map<String, byte[]> write(EventEnvelope envelope) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        for (EventAttribute attribute : EventAttribute.values()) {
            envelope.valueOf(attribute).ifPresent(
                    value -> headers.put(attribute.headerName(), value.getBytes(StandardCharsets.UTF_8)));
        }
        return headers;
    }

    /**
     * Reads the envelope from record headers. Headers other than the eight above are ignored (Kafka
     * records also carry tracing and framework headers).
     *
     * @throws InvalidValueException naming the header when a required header is missing, a value is not
     *     UTF-8, or an attribute breaks its rule (see {@link EventEnvelope})
     */
    public static EventEnvelope read(Map<String, byte[]> headers) {
        if (headers == null) {
            throw new InvalidValueException("headers", null, "record headers are required");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (EventAttribute attribute : EventAttribute.values()) {
            byte[] raw = headers.get(attribute.headerName());
            if (raw != null) {
                attributes.put(attribute.attributeName(), utf8(attribute.headerName(), raw));
            } else if (attribute.required()) {
                throw new InvalidValueException(attribute.headerName(), null, "required CloudEvents header is missing");
            }
        }
        try {
            return EventEnvelope.fromAttributes(attributes);
        } catch (InvalidValueException e) {
            throw EventAttribute.byAttributeName(e.field()).map(a -> e.forField(a.headerName())).orElse(e);
        }
    }

    private static String utf8(String header, byte[] raw) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (CharacterCodingException e) {
            InvalidValueException invalid = new InvalidValueException(header, HexFormat.of().formatHex(raw),
                    "header value is not UTF-8");
            invalid.initCause(e);
            throw invalid;
        }
    }
}
