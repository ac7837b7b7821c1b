package io.filament.contracts.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filament.contracts.InvalidValueException;
import io.filament.contracts.event.EventEnvelope;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

/** The envelope's JSON form and its binary-mode headers, against golden files in both directions. */
class EventJsonGoldenTest {

    private static final EventEnvelope CREATED = EventEnvelope
            .of("2f1c7c3e-9d7e-4a56-8f37-1b0c2d3e4f50", "/filament/config-api/node-1",
                    "io.filament.config.virtual-network.created")
            .withSubject("8c84ff8a-30ac-4136-99d9-f0d9662f3eee")
            .withTime(Instant.parse("2026-01-01T10:00:00.250Z"))
            .withDataContentType("application/json")
            .withCorrelationId("req-7f3a");

    private final JsonMapper mapper = JsonMapper.builder().build();

    @Test
    void writesAndReadsTheFullEnvelopeExactly() {
        byte[] golden = GoldenFile.bytes("event/event-envelope.json");

        assertThat(new String(mapper.writeValueAsBytes(CREATED), UTF_8)).isEqualTo(new String(golden, UTF_8));
        assertThat(mapper.writeValueAsBytes(CREATED)).isEqualTo(golden);
        assertThat(mapper.readValue(golden, EventEnvelope.class)).isEqualTo(CREATED);
    }

    @Test
    void writesAndReadsTheMinimalEnvelopeExactly() {
        EventEnvelope minimal = EventEnvelope.of("e-1", "/filament/schema-transformer",
                "io.filament.desired.routing-instance.updated");
        byte[] golden = GoldenFile.bytes("event/event-envelope-minimal.json");

        assertThat(mapper.writeValueAsBytes(minimal)).isEqualTo(golden);
        assertThat(mapper.readValue(golden, EventEnvelope.class)).isEqualTo(minimal);
    }

    @Test
    void writesAndReadsTheBinaryModeHeadersExactly() {
        Map<String, String> golden = mapper.readValue(GoldenFile.bytes("event/event-headers.json"),
                new TypeReference<LinkedHashMap<String, String>>() { });
        Map<String, String> written = new LinkedHashMap<>();
        CREATED.toHeaders().forEach((name, value) -> written.put(name, new String(value, UTF_8)));
        Map<String, byte[]> goldenHeaders = new LinkedHashMap<>();
        golden.forEach((name, value) -> goldenHeaders.put(name, value.getBytes(UTF_8)));

        assertThat(mapper.writeValueAsBytes(written)).isEqualTo(GoldenFile.bytes("event/event-headers.json"));
        assertThat(EventEnvelope.fromHeaders(goldenHeaders)).isEqualTo(CREATED);
    }

    @Test
    void reportsAMissingAttributeInJsonWithTheTypedErrorAsCause() {
        assertThatThrownBy(() -> mapper.readValue("{\"id\":\"1\",\"source\":\"/s\",\"specversion\":\"1.0\"}",
                        EventEnvelope.class))
                .isInstanceOf(DatabindException.class)
                .rootCause()
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid type (missing): required CloudEvents attribute is missing");
    }
}
