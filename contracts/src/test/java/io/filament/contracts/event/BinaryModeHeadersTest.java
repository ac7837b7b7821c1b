package io.filament.contracts.event;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filament.contracts.InvalidValueException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinaryModeHeadersTest {

    private static final EventEnvelope UPDATED = EventEnvelope
            .of("e-1", "/filament/config-api/node-1", "io.filament.config.virtual-network.updated")
            .withSubject("8c84ff8a-30ac-4136-99d9-f0d9662f3eee")
            .withTime(Instant.parse("2026-01-01T10:00:00.5Z"))
            .withDataContentType("application/json")
            .withCorrelationId("req-1");

    @Test
    void writesExactlyTheBinaryModeHeadersAsUtf8() {
        Map<String, byte[]> headers = UPDATED.toHeaders();

        assertThat(headers.keySet()).containsExactly(
                "ce_id", "ce_source", "ce_type", "ce_subject", "ce_time", "ce_specversion", "content-type",
                "correlationid");
        assertThat(headers.get("ce_specversion")).isEqualTo("1.0".getBytes(UTF_8));
        assertThat(headers.get("ce_time")).isEqualTo("2026-01-01T10:00:00.500Z".getBytes(UTF_8));
        assertThat(headers.get("content-type")).isEqualTo("application/json".getBytes(UTF_8));
        assertThat(headers.get("correlationid")).isEqualTo("req-1".getBytes(UTF_8));
    }

    @Test
    void readsTheEnvelopeBackAndIgnoresForeignHeaders() {
        Map<String, byte[]> headers = new LinkedHashMap<>(UPDATED.toHeaders());
        headers.put("traceparent", "00-abc-def-01".getBytes(UTF_8));
        headers.put("spring_json_header_types", "{}".getBytes(UTF_8));

        assertThat(EventEnvelope.fromHeaders(headers)).isEqualTo(UPDATED);
    }

    @Test
    void carriesNonAsciiTextAsUtf8() {
        EventEnvelope envelope = EventEnvelope.of("ü-1", "/filament/café", "io.filament.test").withSubject("réseau-vert");

        Map<String, byte[]> headers = envelope.toHeaders();

        assertThat(headers.get("ce_subject")).isEqualTo("réseau-vert".getBytes(UTF_8));
        assertThat(BinaryModeHeaders.read(headers)).isEqualTo(envelope);
    }

    @Test
    void namesAMissingRequiredHeader() {
        Map<String, byte[]> headers = new LinkedHashMap<>(UPDATED.toHeaders());
        headers.remove("ce_type");

        assertThatThrownBy(() -> BinaryModeHeaders.read(headers))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid ce_type (missing): required CloudEvents header is missing");
    }

    @Test
    void namesTheHeaderOfAnInvalidAttribute() {
        Map<String, byte[]> headers = new LinkedHashMap<>(UPDATED.toHeaders());
        headers.put("ce_specversion", "0.3".getBytes(UTF_8));
        headers.put("ce_time", "yesterday".getBytes(UTF_8));

        assertThatThrownBy(() -> BinaryModeHeaders.read(headers))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid ce_time \"yesterday\": not an RFC 3339 timestamp");

        headers.put("ce_time", "2026-01-01T00:00:00Z".getBytes(UTF_8));
        assertThatThrownBy(() -> BinaryModeHeaders.read(headers))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid ce_specversion \"0.3\": only CloudEvents 1.0 is supported");

        headers.put("ce_specversion", "1.0".getBytes(UTF_8));
        headers.put("content-type", "".getBytes(UTF_8));
        assertThatThrownBy(() -> BinaryModeHeaders.read(headers))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid content-type \"\": must not be empty");
    }

    @Test
    void rejectsHeaderValuesThatAreNotUtf8() {
        Map<String, byte[]> headers = new LinkedHashMap<>(UPDATED.toHeaders());
        headers.put("ce_id", new byte[] {(byte) 0xC3, (byte) 0x28});

        assertThatThrownBy(() -> BinaryModeHeaders.read(headers))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid ce_id \"c328\": header value is not UTF-8");
    }
}
