package io.filament.contracts.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ConfigEnvelopeTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void snapshotUsesTheAgreedFieldNames() {
        JsonNode object = json.readTree("{\"uuid\":\"u1\",\"name\":\"red\"}");
        var snapshot = new ConfigSnapshot("virtual-network", "u1", 4, List.of("default-domain", "demo", "red"), object);

        JsonNode tree = json.readTree(json.writeValueAsString(snapshot));

        assertThat(tree.propertyNames()).containsExactly("type", "uuid", "version", "fq_name", "object");
        assertThat(tree.get("fq_name").get(2).asString()).isEqualTo("red");
        assertThat(json.readValue(json.writeValueAsString(snapshot), ConfigSnapshot.class)).isEqualTo(snapshot);
    }

    @Test
    void eventWritesOperationInLowerCaseAndReadsItBack() {
        var event = new ConfigEvent("project", "u2", 1, ConfigOperation.CREATED, List.of("name"),
                json.readTree("{\"name\":\"demo\"}"));

        String text = json.writeValueAsString(event);

        assertThat(text).contains("\"operation\":\"created\"").contains("\"changed_fields\":[\"name\"]");
        assertThat(json.readValue(text, ConfigEvent.class)).isEqualTo(event);
    }

    @Test
    void commandOperationsUseTheirWireNames() {
        var command = new ConfigCommand(ConfigCommand.Operation.REF_UPDATE, "virtual-network", "u3", null);

        String text = json.writeValueAsString(command);

        assertThat(text).isEqualTo("{\"operation\":\"ref-update\",\"type\":\"virtual-network\",\"uuid\":\"u3\"}");
        assertThat(json.readValue(text, ConfigCommand.class)).isEqualTo(command);
    }

    @Test
    void typeNamesConvertBetweenDashUnderscoreAndCollectionForms() {
        assertThat(ConfigType.fromCollection("network-policys")).contains(ConfigType.NETWORK_POLICY);
        assertThat(ConfigType.VIRTUAL_MACHINE_INTERFACE.underscored()).isEqualTo("virtual_machine_interface");
        assertThat(ConfigOperation.DELETED.cloudEventType(ConfigType.INSTANCE_IP))
                .isEqualTo("io.filament.config.instance-ip.deleted");
        assertThat(ConfigTopics.snapshotKey(ConfigType.VIRTUAL_NETWORK, "3f2a"))
                .isEqualTo("virtual-network/3f2a");
    }
}
