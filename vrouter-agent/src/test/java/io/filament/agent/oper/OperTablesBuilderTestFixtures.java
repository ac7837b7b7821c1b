package io.filament.agent.oper;

import io.filament.agent.ifmap.ConfigImage;
import io.filament.agent.port.Port;
import io.filament.agent.xmpp.wire.AgentProviders;
import io.filament.agent.xmpp.wire.ConfigIq;
import io.filament.agent.xmpp.wire.TfVectors;
import io.filament.contracts.net.MacAddress;
import org.jivesoftware.smack.util.PacketParserUtils;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** TF's config push for three VMs on host a1s27 and the three ports that match its VMIs. */
public final class OperTablesBuilderTestFixtures {

    public static final String RI = "default-domain:demo:vn27:vn27";
    public static final UUID VMI_252 = UUID.fromString("ef1e9828-05b6-44a2-a410-d1b662594fc3");
    public static final UUID VMI_251 = UUID.fromString("c4287577-b6af-4cca-a21d-6470a08af68a");
    public static final UUID VMI_253 = UUID.fromString("100698e8-dc7a-4bf3-bebe-3fff718bf3c9");

    private OperTablesBuilderTestFixtures() {
    }

    public static ConfigImage tfConfigForThreeVms() throws Exception {
        AgentProviders.register();
        ConfigImage image = new ConfigImage();
        for (String iq : TfVectors.iqs("ifmap", "cli1_vn1_vm3_add.master_output")) {
            ConfigIq config = PacketParserUtils.parseStanza(iq);
            config.items().forEach(image::apply);
        }
        return image;
    }

    public static Port port(UUID id, String mac, String tap) {
        UUID instance = UUID.nameUUIDFromBytes(("vm-" + id).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new Port(id, instance, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                MacAddress.parse(mac), tap, "", -1, -1, Port.PortType.VIRTUAL_MACHINE, Optional.empty(), Optional.empty());
    }

    public static List<Port> threePorts() {
        return List.of(port(VMI_252, "02:ef:1e:98:28:05", "tap1"), port(VMI_251, "02:c4:28:75:77:b6", "tap2"),
                port(VMI_253, "02:10:06:98:e8:dc", "tap3"));
    }
}
