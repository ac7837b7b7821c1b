package io.filament.control.xmpp.wire;

/** Stream error conditions of RFC 6120 §4.9.3 used by the control node. */
public enum StreamErrorCondition {
    BAD_FORMAT("bad-format"),
    CONFLICT_REPLACED("conflict"),
    CONNECTION_TIMEOUT("connection-timeout"),
    HOST_UNKNOWN("host-unknown"),
    INTERNAL_SERVER_ERROR("internal-server-error"),
    INVALID_NAMESPACE("invalid-namespace"),
    NOT_AUTHORIZED("not-authorized"),
    NOT_WELL_FORMED("not-well-formed"),
    POLICY_VIOLATION("policy-violation"),
    RESOURCE_CONSTRAINT("resource-constraint"),
    RESTRICTED_XML("restricted-xml"),
    SYSTEM_SHUTDOWN("system-shutdown"),
    UNSUPPORTED_STANZA_TYPE("unsupported-stanza-type"),
    UNSUPPORTED_VERSION("unsupported-version");

    private final String elementName;

    StreamErrorCondition(String elementName) {
        this.elementName = elementName;
    }

    public String elementName() {
        return elementName;
    }
}
