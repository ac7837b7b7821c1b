package io.filament.configapi.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.filament.configapi.registry.TypeRegistry;
import io.filament.contracts.config.ConfigType;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ReadAheadTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final TypeRegistry registry = TypeRegistry.tungstenFabric();

    private ObjectNode body(String text) {
        return (ObjectNode) json.readTree(text.replace('\'', '"'));
    }

    @Test
    void aCreateNamesItsOwnUuidItsParentUnderEveryAllowedTypeAndEveryRefTarget() {
        ReadAhead likely = ReadAhead.of(registry, new Command.CreateObject(ConfigType.VIRTUAL_MACHINE_INTERFACE, body(
                "{'uuid': 'u-vmi', 'fq_name': ['default-domain', 'demo', 'u-vmi'],"
                        + " 'virtual_machine_refs': [{'uuid': 'u-vm'}],"
                        + " 'virtual_network_refs': [{'to': ['default-domain', 'demo', 'red']}]}")));

        assertThat(likely.newObject()).contains("u-vmi");
        assertThat(likely.uuids()).containsExactly("u-vmi", "u-vm");
        assertThat(likely.names()).contains(
                new ReadAhead.Named(ConfigType.PROJECT, List.of("default-domain", "demo")),
                new ReadAhead.Named(ConfigType.VIRTUAL_NETWORK, List.of("default-domain", "demo", "red")));
    }

    @Test
    void aNewInterfaceAlsoNamesItsNetworksDefaultInstanceAndItsHostsVirtualRouter() {
        ReadAhead likely = ReadAhead.of(registry, new Command.CreateObject(ConfigType.VIRTUAL_MACHINE_INTERFACE, body(
                "{'fq_name': ['default-domain', 'demo', 'p1'],"
                        + " 'virtual_network_refs': [{'to': ['default-domain', 'demo', 'red']}],"
                        + " 'virtual_machine_interface_bindings':"
                        + " {'key_value_pair': [{'key': 'host_id', 'value': 'host2'}]}}")));

        assertThat(likely.names()).contains(
                new ReadAhead.Named(ConfigType.ROUTING_INSTANCE, List.of("default-domain", "demo", "red", "red")),
                new ReadAhead.Named(ConfigType.VIRTUAL_ROUTER, List.of("default-global-system-config", "host2")));
    }

    @Test
    void malformedPartsAreLeftToTheDecisionToRefuse() {
        ReadAhead likely = ReadAhead.of(registry, new Command.CreateObject(ConfigType.VIRTUAL_MACHINE_INTERFACE, body(
                "{'uuid': 7, 'fq_name': 'not-a-list', 'virtual_network_refs': ['x', {'to': [1, 2]}, {'uuid': 3}],"
                        + " 'virtual_machine_refs': {'uuid': 'u'}, 'no_such_refs': [{'uuid': 'u-x'}]}")));

        assertThat(likely.newObject()).isEmpty();
        assertThat(likely.uuids()).isEmpty();
        assertThat(likely.names()).isEmpty();
    }

    @Test
    void updatesDeletesAndRefUpdatesNameTheObjectsTheyAddress() {
        assertThat(ReadAhead.of(registry, new Command.DeleteObject(ConfigType.VIRTUAL_NETWORK, "u-vn",
                OptionalLong.empty())).uuids()).containsExactly("u-vn");
        assertThat(ReadAhead.of(registry, new Command.UpdateObject(ConfigType.VIRTUAL_NETWORK, "u-vn",
                body("{'network_policy_refs': [{'uuid': 'u-p'}]}"), OptionalLong.empty())).uuids())
                .containsExactly("u-vn", "u-p");
    }
}
