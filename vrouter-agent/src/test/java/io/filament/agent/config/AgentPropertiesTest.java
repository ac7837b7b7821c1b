package io.filament.agent.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentPropertiesTest {

    private static AgentProperties bind(Map<String, String> values) {
        ApplicationConversionService conversion = new ApplicationConversionService();
        conversion.addConverter(new ControlNodeAddressConverter());
        Binder binder = new Binder(List.of(new MapConfigurationPropertySource(values)), null, conversion);
        return binder.bindOrCreate("filament", AgentProperties.class);
    }

    @Test
    void bindsTheArgumentsTheLocalStackPasses() {
        AgentProperties p = bind(Map.of("filament.host.name", "host1", "filament.host.fabric-address", "127.0.0.11",
                "filament.root", "/srv/filament"));

        assertThat(p.host().name()).isEqualTo("host1");
        assertThat(p.host().fabricAddress()).isEqualTo("127.0.0.11");
        assertThat(p.controlNodes()).containsExactly(new ControlNodeAddress("127.0.0.1", 5269));
        assertThat(p.portApiAddress()).isEqualTo("127.0.0.11");
        assertThat(p.portApi().port()).isEqualTo(9091);
        assertThat(p.stateDirectory()).isEqualTo(Path.of("/srv/filament/var/agent-host1"));
        assertThat(p.dataplane().socket()).isEqualTo(Path.of("/srv/filament/var/run/dataplane-host1.sock"));
        assertThat(p.xmpp().backoffMax()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.xmpp().tls()).isEqualTo(AgentProperties.TlsMode.DISABLED);
    }

    @Test
    void keepsTwoControlNodesInTheirOrder() {
        AgentProperties p = bind(Map.of("filament.host.name", "h", "filament.host.fabric-address", "127.0.0.11",
                "filament.control-nodes", "127.0.0.3:5270,127.0.0.2", "filament.xmpp.tls", "if-possible"));

        assertThat(p.controlNodes()).containsExactly(new ControlNodeAddress("127.0.0.3", 5270),
                new ControlNodeAddress("127.0.0.2", 5269));
        assertThat(p.xmpp().tls()).isEqualTo(AgentProperties.TlsMode.IF_POSSIBLE);
    }

    @Test
    void refusesAThirdControlNode() {
        assertThatThrownBy(() -> bind(Map.of("filament.host.name", "h", "filament.host.fabric-address", "127.0.0.11",
                "filament.control-nodes", "127.0.0.1,127.0.0.2,127.0.0.3")))
                .isInstanceOf(BindException.class)
                .rootCause().isInstanceOf(InvalidAgentPropertyException.class)
                .hasMessageContaining("filament.control-nodes");
    }

    @Test
    void refusesAFabricAddressThatIsNotIpv4() {
        assertThatThrownBy(() -> bind(Map.of("filament.host.name", "h", "filament.host.fabric-address", "fabric")))
                .rootCause().isInstanceOf(InvalidAgentPropertyException.class)
                .hasMessageContaining("filament.host.fabric-address 'fabric'");
    }

    @Test
    void refusesAMissingHostName() {
        assertThatThrownBy(() -> bind(Map.of("filament.root", ".")))
                .rootCause().isInstanceOf(InvalidAgentPropertyException.class)
                .hasMessageContaining("filament.host.name");
    }

    @Test
    void parsesControlNodeAddressWithAndWithoutPort() {
        assertThat(ControlNodeAddress.parse("10.0.0.1")).isEqualTo(new ControlNodeAddress("10.0.0.1", 5269));
        assertThatThrownBy(() -> ControlNodeAddress.parse("10.0.0.1:xmpp"))
                .isInstanceOf(InvalidAgentPropertyException.class).hasMessageContaining("'10.0.0.1:xmpp'");
    }
}
