package io.filament.contracts.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filament.contracts.InvalidValueException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void definesTheTopicsOfTheDesignWithTheirPolicies() {
        assertThat(Topics.all()).extracting(TopicDefinition::name).containsExactly(
                "filament.config.commands.v1", "filament.config.events.v1", "filament.config.v1",
                "filament.desired.v1", "filament.status.v1", "filament.flows.v1");
        assertThat(Topics.definition(Topics.CONFIG).orElseThrow().kafkaConfigs())
                .containsExactly(Map.entry("cleanup.policy", "compact"));
        assertThat(Topics.definition(Topics.DESIRED).orElseThrow().policy()).isEqualTo(CleanupPolicy.COMPACT);
        assertThat(Topics.definition(Topics.CONFIG_COMMANDS).orElseThrow().kafkaConfigs())
                .containsExactly(Map.entry("cleanup.policy", "delete"), Map.entry("retention.ms", "604800000"));
        assertThat(Topics.definition(Topics.CONFIG_EVENTS).orElseThrow().kafkaConfigs())
                .containsEntry("retention.ms", "-1");
        assertThat(Topics.definition(Topics.STATUS).orElseThrow().kafkaConfigs()).containsEntry("retention.ms", "172800000");
        assertThat(Topics.definition(Topics.FLOWS).orElseThrow().kafkaConfigs()).containsEntry("retention.ms", "7200000");
        assertThat(Topics.definition("filament.nothing.v1")).isEmpty();
    }

    @Test
    void namesDeadLetterTopicsWithADlqSuffix() {
        assertThat(Topics.dlq(Topics.CONFIG_EVENTS)).isEqualTo("filament.config.events.v1.dlq");
        assertThat(Topics.definition(Topics.DESIRED).orElseThrow().deadLetterTopic()).isEqualTo("filament.desired.v1.dlq");
        assertThat(Topics.isDeadLetter("filament.desired.v1.dlq")).isTrue();
        assertThat(Topics.isDeadLetter(Topics.DESIRED)).isFalse();
    }

    @Test
    void refusesDeadLettersOfDeadLettersAndIllegalNames() {
        assertThatThrownBy(() -> Topics.dlq("filament.desired.v1.dlq"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid topic \"filament.desired.v1.dlq\": is already a dead-letter topic");
        assertThatThrownBy(() -> Topics.dlq("filament/config"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid topic \"filament/config\": character 9 is not one of [a-zA-Z0-9._-]");
        assertThatThrownBy(() -> Topics.dlq("a".repeat(246)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageEndingWith("dead-letter name would exceed 249 characters");
        assertThatThrownBy(() -> Topics.dlq(".."))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> Topics.dlq(""))
                .isInstanceOf(InvalidValueException.class);
    }
}
