package io.filament.contracts.event;

import java.util.Optional;

/**
 * The CloudEvents 1.0 attributes Filament sets, with the Kafka header each travels in (binary content
 * mode of the CloudEvents Kafka protocol binding): {@code ce_<name>} for the context attributes,
 * {@code content-type} for {@code datacontenttype}. {@code correlationid} is Filament's extension: it ties
 * every event caused by one request together and travels in its own {@code correlationid} header.
 */
public enum EventAttribute {
    ID("id", "ce_id", true),
    SOURCE("source", "ce_source", true),
    TYPE("type", "ce_type", true),
    SUBJECT("subject", "ce_subject", false),
    TIME("time", "ce_time", false),
    SPECVERSION("specversion", "ce_specversion", true),
    DATACONTENTTYPE("datacontenttype", "content-type", false),
    CORRELATIONID("correlationid", "correlationid", false);

    private final String attributeName;
    private final String headerName;
    private final boolean required;

    EventAttribute(String attributeName, String headerName, boolean required) {
        this.attributeName = attributeName;
        this.headerName = headerName;
        this.required = required;
    }

    /** The CloudEvents attribute name, also the key in the JSON form. */
    public String attributeName() {
        return attributeName;
    }

    /** The Kafka record header that carries the attribute in binary mode. */
    public String headerName() {
        return headerName;
    }

    /** Whether CloudEvents requires the attribute on every event. */
    public boolean required() {
        return required;
    }

    /** The attribute with this CloudEvents name. */
    public static Optional<EventAttribute> byAttributeName(String name) {
        for (EventAttribute attribute : values()) {
            if (attribute.attributeName.equals(name)) {
                return Optional.of(attribute);
            }
        }
        return Optional.empty();
    }
}
