package io.filament.configapi.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.filament.contracts.config.CloudEventHeaders;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;

/** The config events found on the events topic, grouped by object, with the checks every IT makes. */
final class PublishedEvents {

    final List<ConsumerRecord<String, byte[]>> records;
    final Map<String, List<JsonNode>> byObject = new LinkedHashMap<>();

    PublishedEvents(List<ConsumerRecord<String, byte[]>> records) {
        this.records = records;
        for (ConsumerRecord<String, byte[]> record : records) {
            String type = TopicReader.header(record, CloudEventHeaders.TYPE).orElseThrow();
            if (!type.equals(CloudEventHeaders.COMMAND_REJECTED)) {
                JsonNode value = RunningConfigApi.JSON.readTree(record.value());
                byObject.computeIfAbsent(value.get("uuid").asString(), u -> new ArrayList<>()).add(value);
            }
        }
    }

    static PublishedEvents read(String bootstrap, String topic) {
        return new PublishedEvents(TopicReader.readAll(bootstrap, topic));
    }

    int count() {
        return byObject.values().stream().mapToInt(List::size).sum();
    }

    List<String> operations(String uuid) {
        return byObject.getOrDefault(uuid, List.of()).stream().map(e -> e.get("operation").asString()).toList();
    }

    /** Every object's events are versions 1, 2, 3… exactly once each, and every record has the CloudEvents headers. */
    void assertOncePerVersionInOrderWithHeaders() {
        byObject.forEach((uuid, events) -> {
            for (int i = 0; i < events.size(); i++) {
                assertThat(events.get(i).get("version").asLong()).as("version %d of %s", i + 1, uuid)
                        .isEqualTo(i + 1);
            }
        });
        for (ConsumerRecord<String, byte[]> record : records) {
            JsonNode value = RunningConfigApi.JSON.readTree(record.value());
            if (!value.has("operation")) {
                continue;
            }
            String uuid = value.get("uuid").asString();
            assertThat(record.key()).isEqualTo(uuid);
            assertThat(TopicReader.header(record, CloudEventHeaders.SPEC_VERSION)).contains("1.0");
            assertThat(TopicReader.header(record, CloudEventHeaders.TYPE)).contains("io.filament.config."
                    + value.get("type").asString() + "." + value.get("operation").asString());
            assertThat(TopicReader.header(record, CloudEventHeaders.SUBJECT)).contains(uuid);
            assertThat(TopicReader.header(record, CloudEventHeaders.ID)).contains(uuid + "." + value.get("version"));
            assertThat(TopicReader.header(record, CloudEventHeaders.SOURCE)).isPresent();
            assertThat(TopicReader.header(record, CloudEventHeaders.TIME)).isPresent();
            assertThat(TopicReader.header(record, CloudEventHeaders.CONTENT_TYPE)).contains("application/json");
        }
    }
}
