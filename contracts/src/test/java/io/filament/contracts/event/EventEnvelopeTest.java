package io.filament.contracts.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filament.contracts.InvalidValueException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventEnvelopeTest {

    private static final EventEnvelope CREATED = EventEnvelope
            .of("2f1c7c3e-9d7e-4a56-8f37-1b0c2d3e4f50", "/filament/config-api/node-1",
                    "io.filament.config.virtual-network.created")
            .withSubject("8c84ff8a-30ac-4136-99d9-f0d9662f3eee")
            .withTime(Instant.parse("2026-01-01T10:00:00Z"))
            .withDataContentType(EventEnvelope.APPLICATION_JSON)
            .withCorrelationId("req-7f3a");

    @Test
    void listsItsAttributesInTheCloudEventsOrder() {
        assertThat(CREATED.attributes()).containsExactly(
                Map.entry("id", "2f1c7c3e-9d7e-4a56-8f37-1b0c2d3e4f50"),
                Map.entry("source", "/filament/config-api/node-1"),
                Map.entry("type", "io.filament.config.virtual-network.created"),
                Map.entry("subject", "8c84ff8a-30ac-4136-99d9-f0d9662f3eee"),
                Map.entry("time", "2026-01-01T10:00:00Z"),
                Map.entry("specversion", "1.0"),
                Map.entry("datacontenttype", "application/json"),
                Map.entry("correlationid", "req-7f3a"));
    }

    @Test
    void leavesAbsentOptionalAttributesOut() {
        EventEnvelope minimal = EventEnvelope.of("1", "/s", "t");

        assertThat(minimal.attributes()).containsOnlyKeys("id", "source", "type", "specversion");
        assertThat(EventEnvelope.fromAttributes(minimal.attributes())).isEqualTo(minimal);
    }

    @Test
    void readsItsOwnAttributesBack() {
        assertThat(EventEnvelope.fromAttributes(CREATED.attributes())).isEqualTo(CREATED);
    }

    @Test
    void readsTimesWithAnOffsetAndWritesThemInUtc() {
        Map<String, String> attributes = new LinkedHashMap<>(CREATED.attributes());
        attributes.put("time", "2026-01-01T12:00:00.250+02:00");

        EventEnvelope envelope = EventEnvelope.fromAttributes(attributes);

        assertThat(envelope.time()).contains(Instant.parse("2026-01-01T10:00:00.250Z"));
        assertThat(envelope.attributes()).containsEntry("time", "2026-01-01T10:00:00.250Z");
    }

    @Test
    void stampsNewEventsFromTheInjectedClock() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);

        EventEnvelope first = EventEnvelope.newEvent("/filament/x", "io.filament.x.happened", clock);
        EventEnvelope second = EventEnvelope.newEvent("/filament/x", "io.filament.x.happened", clock);

        assertThat(first.time()).contains(clock.instant());
        assertThat(first.datacontenttype()).contains("application/json");
        assertThat(first.id()).isNotEqualTo(second.id()).hasSize(36);
    }

    @Test
    void ignoresUnknownAttributesInTheJsonForm() {
        Map<String, String> attributes = new LinkedHashMap<>(CREATED.attributes());
        attributes.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        assertThat(EventEnvelope.fromAttributes(attributes)).isEqualTo(CREATED);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "id              |                      | invalid id (missing): required CloudEvents attribute is missing",
        "source          |                      | invalid source (missing): required CloudEvents attribute is missing",
        "type            |                      | invalid type (missing): required CloudEvents attribute is missing",
        "specversion     |                      | invalid specversion (missing): required CloudEvents attribute is missing",
        "specversion     | 0.3                  | invalid specversion \"0.3\": only CloudEvents 1.0 is supported",
        "id              | ''                   | invalid id \"\": must not be empty",
        "subject         | ''                   | invalid subject \"\": must not be empty",
        "source          | /a b                 | invalid source \"/a b\": not a URI reference: Illegal character in path",
        "source          | //                   | invalid source \"//\": not a URI reference: Expected authority",
        "time            | 2026-01-01 10:00:00Z | invalid time \"2026-01-01 10:00:00Z\": not an RFC 3339 timestamp",
        "time            | 2026-01-01T10:00:00  | invalid time \"2026-01-01T10:00:00\": not an RFC 3339 timestamp",
        "datacontenttype | json                 | invalid datacontenttype \"json\": not a media type (type/subtype)",
        "correlationid   | a\tb                 | invalid correlationid \"a\\tb\": contains a control character",
    })
    void rejectsBadAttributesNamingTheAttributeAndTheValue(String attribute, String value, String message) {
        Map<String, String> attributes = new LinkedHashMap<>(CREATED.attributes());
        if (value == null) {
            attributes.remove(attribute);
        } else {
            attributes.put(attribute, value.replace("\\t", "\t"));
        }

        assertThatThrownBy(() -> EventEnvelope.fromAttributes(attributes))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage(message);
    }

    @Test
    void rejectsTextThatUtf8HeadersCannotCarry() {
        assertThatThrownBy(() -> CREATED.withSubject("red\uD800"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid subject \"red\uD800\": contains an unpaired surrogate, which UTF-8 cannot carry");
        assertThat(CREATED.withSubject("red \uD83D\uDE00").subject()).contains("red \uD83D\uDE00");
    }

    @Test
    void rejectsTimesRfc3339CannotWrite() {
        assertThatThrownBy(() -> CREATED.withTime(Instant.parse("+10000-01-01T00:00:00Z")))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("invalid time ");
    }

    @Test
    void treatsNullOptionalsAsAbsent() {
        EventEnvelope envelope = new EventEnvelope("1", "/s", "t", null, null, "1.0", null, null);

        assertThat(envelope.subject()).isEqualTo(Optional.empty());
        assertThat(envelope).isEqualTo(EventEnvelope.of("1", "/s", "t"));
    }
}
