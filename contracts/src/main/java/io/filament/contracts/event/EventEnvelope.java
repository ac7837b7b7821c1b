package io.filament.contracts.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.filament.contracts.InvalidValueException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The CloudEvents 1.0 context of one Kafka record; the record value is the event data. On Kafka the
 * envelope travels as headers in binary content mode ({@link BinaryModeHeaders}); its JSON form is the
 * object of attribute names to string values, in {@link EventAttribute} order, absent attributes left out.
 *
 * <p>Rules checked on construction (each failure names the attribute and the value): {@code id},
 * {@code source} and {@code type} are non-empty; {@code source} is a URI reference; {@code specversion}
 * is {@value #SPEC_VERSION}; {@code datacontenttype} is a media type; optional attributes, when present,
 * are non-empty; no attribute contains control characters (they would corrupt headers and logs);
 * {@code time} lies within the four-digit years RFC 3339 can write.
 *
 * @param id              unique per source; a retried publication keeps its id, so consumers can drop
 *                        duplicates by (source, id)
 * @param source          URI reference of the producing service instance, e.g. {@code /filament/config-api/node-1}
 * @param type            reverse-DNS event type, e.g. {@code io.filament.config.virtual-network.created}
 * @param subject         what the event is about within the source, e.g. the object uuid
 * @param time            when the fact happened, written as RFC 3339 in UTC
 * @param specversion     always {@value #SPEC_VERSION}
 * @param datacontenttype media type of the record value, e.g. {@value #APPLICATION_JSON}
 * @param correlationid   extension: the id shared by all events caused by one request
 */
public record EventEnvelope(
        String id,
        String source,
        String type,
        Optional<String> subject,
        Optional<Instant> time,
        String specversion,
        Optional<String> datacontenttype,
        Optional<String> correlationid) {

    /** The only CloudEvents version this envelope speaks. */
    public static final String SPEC_VERSION = "1.0";
    /** The content type of every JSON record value Filament publishes. */
    public static final String APPLICATION_JSON = "application/json";

    public EventEnvelope {
        subject = subject == null ? Optional.empty() : subject;
        time = time == null ? Optional.empty() : time;
        datacontenttype = datacontenttype == null ? Optional.empty() : datacontenttype;
        correlationid = correlationid == null ? Optional.empty() : correlationid;
        AttributeRules.check(EventAttribute.ID, id);
        AttributeRules.check(EventAttribute.SOURCE, source);
        AttributeRules.check(EventAttribute.TYPE, type);
        AttributeRules.check(EventAttribute.SPECVERSION, specversion);
        subject.ifPresent(value -> AttributeRules.check(EventAttribute.SUBJECT, value));
        time.ifPresent(AttributeRules::checkTime);
        datacontenttype.ifPresent(value -> AttributeRules.check(EventAttribute.DATACONTENTTYPE, value));
        correlationid.ifPresent(value -> AttributeRules.check(EventAttribute.CORRELATIONID, value));
    }

    /** An envelope with the required attributes only. */
    public static EventEnvelope of(String id, String source, String type) {
        return new EventEnvelope(id, source, type, Optional.empty(), Optional.empty(), SPEC_VERSION,
                Optional.empty(), Optional.empty());
    }

    /** A new event: a random UUID as id, the clock's instant as time, JSON content. */
    public static EventEnvelope newEvent(String source, String type, Clock clock) {
        return of(UUID.randomUUID().toString(), source, type)
                .withTime(clock.instant())
                .withDataContentType(APPLICATION_JSON);
    }

    public EventEnvelope withSubject(String value) {
        return new EventEnvelope(id, source, type, Optional.of(value), time, specversion, datacontenttype, correlationid);
    }

    public EventEnvelope withTime(Instant value) {
        return new EventEnvelope(id, source, type, subject, Optional.of(value), specversion, datacontenttype, correlationid);
    }

    public EventEnvelope withDataContentType(String value) {
        return new EventEnvelope(id, source, type, subject, time, specversion, Optional.of(value), correlationid);
    }

    public EventEnvelope withCorrelationId(String value) {
        return new EventEnvelope(id, source, type, subject, time, specversion, datacontenttype, Optional.of(value));
    }

    /**
     * Builds an envelope from attribute names to text values (the JSON form). Names Filament does not
     * know are ignored, so that a newer producer's extensions do not break an older consumer.
     *
     * @throws InvalidValueException naming the attribute when a required one is missing or any is invalid
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static EventEnvelope fromAttributes(Map<String, String> attributes) {
        if (attributes == null) {
            throw new InvalidValueException("cloudevent", null, "attributes are required");
        }
        return new EventEnvelope(
                required(attributes, EventAttribute.ID),
                required(attributes, EventAttribute.SOURCE),
                required(attributes, EventAttribute.TYPE),
                optional(attributes, EventAttribute.SUBJECT),
                optional(attributes, EventAttribute.TIME).map(AttributeRules::parseTime),
                required(attributes, EventAttribute.SPECVERSION),
                optional(attributes, EventAttribute.DATACONTENTTYPE),
                optional(attributes, EventAttribute.CORRELATIONID));
    }

    /** Attribute names to text values, in {@link EventAttribute} order, absent attributes left out. */
    @JsonValue
    public Map<String, String> attributes() {
        Map<String, String> out = new LinkedHashMap<>();
        for (EventAttribute attribute : EventAttribute.values()) {
            valueOf(attribute).ifPresent(value -> out.put(attribute.attributeName(), value));
        }
        return out;
    }

    /** The text value of one attribute, as it appears in JSON and in headers. */
    public Optional<String> valueOf(EventAttribute attribute) {
        return switch (attribute) {
            case ID -> Optional.of(id);
            case SOURCE -> Optional.of(source);
            case TYPE -> Optional.of(type);
            case SUBJECT -> subject;
            case TIME -> time.map(AttributeRules::formatTime);
            case SPECVERSION -> Optional.of(specversion);
            case DATACONTENTTYPE -> datacontenttype;
            case CORRELATIONID -> correlationid;
        };
    }

    /** The binary-mode Kafka headers of this envelope; see {@link BinaryModeHeaders#write}. */
    public Map<String, byte[]> toHeaders() {
        return BinaryModeHeaders.write(this);
    }

    /** The envelope carried by binary-mode Kafka headers; see {@link BinaryModeHeaders#read}. */
    public static EventEnvelope fromHeaders(Map<String, byte[]> headers) {
        return BinaryModeHeaders.read(headers);
    }

    private static String required(Map<String, String> attributes, EventAttribute attribute) {
        String value = attributes.get(attribute.attributeName());
        if (value == null) {
            throw new InvalidValueException(attribute.attributeName(), null, "required CloudEvents attribute is missing");
        }
        return value;
    }

    private static Optional<String> optional(Map<String, String> attributes, EventAttribute attribute) {
        return Optional.ofNullable(attributes.get(attribute.attributeName()));
    }
}
