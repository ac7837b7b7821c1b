package io.filament.agent.port;

import io.filament.contracts.net.IpAddress;
import io.filament.contracts.net.MacAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The body nova's vif driver sends to TF's agent, plus our namespace fields. */
    static final String NOVA_BODY = """
            {"time": "2026-11-28 06:00:00", "vm-project-id": "b2b5c56c-6ee5-4b9d-9e6b-6e5c2e0f3c11",
             "ip-address": "10.1.1.3", "vn-id": "7d0e3d61-7f1c-4f4b-9a53-1c1dd9f0b111",
             "display-name": "vm1", "type": 0, "id": "5f6b6f0c-5b1d-4a55-bf5a-3c0a6f3a0e01",
             "instance-id": "2d308482-6b6e-4d3e-9f0e-1e1d2c3b4a59", "ip6-address": "",
             "rx-vlan-id": -1, "tx-vlan-id": -1, "system-name": "tapf6b6f0c-5b",
             "mac-address": "02:5f:6b:6f:0c:5b", "author": "nova",
             "netns": "vm1", "ifname": "eth0"}""";

    static JsonNode body(String json) {
        return JSON.readTree(json);
    }

    @Test
    void readsTheNovaPortBodyWithNamespaceFields() {
        Port port = PortJson.read(body(NOVA_BODY));

        assertThat(port.id()).isEqualTo(UUID.fromString("5f6b6f0c-5b1d-4a55-bf5a-3c0a6f3a0e01"));
        assertThat(port.instanceId()).isEqualTo(UUID.fromString("2d308482-6b6e-4d3e-9f0e-1e1d2c3b4a59"));
        assertThat(port.vnId()).contains(UUID.fromString("7d0e3d61-7f1c-4f4b-9a53-1c1dd9f0b111"));
        assertThat(port.ipv4()).contains(IpAddress.parse("10.1.1.3"));
        assertThat(port.ipv6()).isEmpty();
        assertThat(port.mac()).isEqualTo(MacAddress.parse("02:5f:6b:6f:0c:5b"));
        assertThat(port.systemName()).isEqualTo("tapf6b6f0c-5b");
        assertThat(port.rxVlanId()).isEqualTo(Port.NO_VLAN);
        assertThat(port.type()).isEqualTo(Port.PortType.VIRTUAL_MACHINE);
        assertThat(port.netns()).contains("vm1");
        assertThat(port.workloadInterfaceName()).isEqualTo("eth0");
    }

    @Test
    void writesWhatItReads() {
        Port port = PortJson.read(body(NOVA_BODY));

        assertThat(PortJson.read(PortJson.write(port))).isEqualTo(port);
        assertThat(PortJson.write(port).get("ip-address").asString()).isEqualTo("10.1.1.3");
    }

    @Test
    void treatsTheZeroAddressAsNoAddressAndDefaultsIfnameInANamespace() {
        ObjectNode b = (ObjectNode) body(NOVA_BODY);
        b.put("ip-address", "0.0.0.0");
        b.remove("ifname");

        Port port = PortJson.read(b);

        assertThat(port.ipv4()).isEmpty();
        assertThat(port.ifname()).contains("eth0");
    }

    @ParameterizedTest(name = "{0} = {1} is refused")
    @CsvSource(delimiter = '|', value = {
            "id|not-a-uuid",
            "instance-id|1234",
            "vn-id|zz",
            "ip-address|10.1.1.300",
            "ip-address|fd00::1",
            "ip6-address|10.0.0.1",
            "mac-address|02:5f:6b",
            "mac-address|01:00:5e:00:00:01",
            "system-name|a-name-longer-than-15",
            "system-name|tap/0",
            "ifname|eth 0",
            "netns|../etc",
            "netns|/var/run/netns/../../etc",
            "rx-vlan-id|4095",
            "tx-vlan-id|-2",
            "type|7"})
    void refusesAMalformedFieldNamingIt(String field, String value) {
        ObjectNode b = (ObjectNode) body(NOVA_BODY);
        if (field.endsWith("vlan-id") || field.equals("type")) {
            b.put(field, Integer.parseInt(value));
        } else {
            b.put(field, value);
        }

        assertThatThrownBy(() -> PortJson.read(b))
                .isInstanceOfSatisfying(InvalidPortException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.value()).isEqualTo(value);
                });
    }

    @ParameterizedTest(name = "missing {0} is refused")
    @CsvSource({"id", "instance-id", "mac-address", "system-name"})
    void refusesAMissingRequiredField(String field) {
        ObjectNode b = (ObjectNode) body(NOVA_BODY);
        b.remove(field);

        assertThatThrownBy(() -> PortJson.read(b))
                .isInstanceOfSatisfying(InvalidPortException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining("is required");
    }

    @Test
    void refusesANumberWhereTextBelongs() {
        ObjectNode b = (ObjectNode) body(NOVA_BODY);
        b.put("mac-address", 12);

        assertThatThrownBy(() -> PortJson.read(b)).hasMessage("mac-address '12': must be a string");
    }

    @Test
    void refusesABodyThatIsNotAnObject() {
        assertThatThrownBy(() -> PortJson.read(body("[1,2]")))
                .isInstanceOfSatisfying(InvalidPortException.class, e -> assertThat(e.field()).isEqualTo("body"));
    }

    @Test
    void acceptsVlanIdsGivenAsText() {
        ObjectNode b = (ObjectNode) body(NOVA_BODY);
        b.put("rx-vlan-id", "100");

        assertThat(PortJson.read(b).rxVlanId()).isEqualTo(100);
        assertThat(PortJson.read(b).projectId()).map(UUID::toString)
                .isEqualTo(Optional.of("b2b5c56c-6ee5-4b9d-9e6b-6e5c2e0f3c11"));
    }
}
