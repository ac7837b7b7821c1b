package io.filament.contracts.event;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.filament.contracts.InvalidValueException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.json.JsonMapper;

class EventEnvelopePropertiesTest {

    private final JsonMapper mapper = JsonMapper.builder().build();

    @Property
    void headersAndJsonRoundTripEveryValidEnvelope(@ForAll("envelopes") EventEnvelope envelope) {
        assertThat(EventEnvelope.fromHeaders(envelope.toHeaders())).isEqualTo(envelope);
        assertThat(mapper.readValue(mapper.writeValueAsBytes(envelope), EventEnvelope.class)).isEqualTo(envelope);
        assertThat(envelope.toHeaders().keySet()).isSubsetOf(
                "ce_id", "ce_source", "ce_type", "ce_subject", "ce_time", "ce_specversion", "content-type", "correlationid");
    }

    @Property
    void anyAttributeTextEitherMakesAnEnvelopeThatRoundTripsOrFailsWithTheTypedError(@ForAll String subject) {
        try {
            EventEnvelope envelope = EventEnvelope.of("1", "/s", "t").withSubject(subject);
            assertThat(EventEnvelope.fromHeaders(envelope.toHeaders())).isEqualTo(envelope);
        } catch (InvalidValueException expected) {
            assertThat(expected.field()).isEqualTo("subject");
        }
    }

    @Property
    void anyHeaderMapIsAnEnvelopeOrFailsWithTheTypedErrorNamingAHeader(@ForAll("headerMaps") Map<String, byte[]> headers) {
        try {
            EventEnvelope envelope = BinaryModeHeaders.read(headers);
            assertThat(BinaryModeHeaders.read(envelope.toHeaders())).isEqualTo(envelope);
        } catch (InvalidValueException expected) {
            assertThat(expected.field()).isIn(
                    "ce_id", "ce_source", "ce_type", "ce_subject", "ce_time", "ce_specversion", "content-type",
                    "correlationid");
        }
    }

    @Property
    void anyTopicNameHasADeadLetterTopicOrFailsWithTheTypedError(@ForAll("topicLikeText") String topic) {
        try {
            assertThat(Topics.dlq(topic)).isEqualTo(topic + ".dlq");
        } catch (InvalidValueException expected) {
            assertThat(expected.field()).isEqualTo("topic");
        }
    }

    @Provide
    Arbitrary<EventEnvelope> envelopes() {
        Arbitrary<String> text = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(20)
                .filter(s -> s.codePoints().noneMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE));
        Arbitrary<String> segment = Arbitraries.strings().withChars("abcxyz0123456789-._~")
                .ofMinLength(1).ofMaxLength(6);
        Arbitrary<String> source = Combinators.combine(Arbitraries.of("", "/"),
                        segment.list().ofMinSize(1).ofMaxSize(4))
                .as((root, segments) -> root + String.join("/", segments));
        Arbitrary<Instant> time = Arbitraries.longs().between(-62_167_219_200L, 253_402_300_799L)
                .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(n -> Instant.ofEpochSecond(s, n)));
        Arbitrary<String> mediaType = Arbitraries.of("application/json", "text/plain; charset=utf-8",
                "application/cloudevents+json", "application/vnd.filament.v1+json");
        return Combinators.combine(text, source, text, text.optional(), time.optional(), mediaType.optional(),
                        text.optional())
                .as((id, src, type, subject, at, contentType, correlation) -> new EventEnvelope(
                        id, src, type, subject, at, "1.0", contentType, correlation));
    }

    private static final List<String> HEADER_NAMES = List.of("ce_id", "ce_source", "ce_type", "ce_subject", "ce_time",
            "ce_specversion", "content-type", "correlationid", "traceparent");

    @Provide
    Arbitrary<Map<String, byte[]>> headerMaps() {
        Arbitrary<byte[]> values = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(12),
                Arbitraries.of("1.0", "0.3", "", "2026-01-01T00:00:00Z", "2026-13-01T00:00:00Z", "application/json",
                        "x", "/a b", "a\u0000b", "urn:x").map(s -> s.getBytes(UTF_8)));
        Arbitrary<Map<String, byte[]>> random = values.optional().list().ofSize(HEADER_NAMES.size()).map(list -> {
            Map<String, byte[]> headers = new LinkedHashMap<>();
            for (int i = 0; i < list.size(); i++) {
                String name = HEADER_NAMES.get(i);
                list.get(i).ifPresent(value -> headers.put(name, value));
            }
            return headers;
        });
        return Arbitraries.oneOf(random, random.map(EventEnvelopePropertiesTest::withRequired));
    }

    private static Map<String, byte[]> withRequired(Map<String, byte[]> headers) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String name : List.of("ce_id", "ce_source", "ce_type", "ce_specversion")) {
            out.put(name, Optional.ofNullable(headers.get(name)).orElse(name.equals("ce_specversion") ? "1.0".getBytes(UTF_8)
                    : "x".getBytes(UTF_8)));
        }
        headers.forEach(out::putIfAbsent);
        return out;
    }

    @Provide
    Arbitrary<String> topicLikeText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("abc.-_/ ").ofMaxLength(12),
                Arbitraries.of(Topics.CONFIG, Topics.FLOWS + ".dlq", ".", "..", ""),
                Arbitraries.integers().between(240, 250).map("t"::repeat),
                Arbitraries.strings().ofMaxLength(30));
    }
}
