package io.filament.configapi.command;

import io.filament.contracts.config.ConfigType;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The objects TF's API server has from the start, created through the handler when absent. */
public final class DefaultObjects {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DefaultObjects() {
    }

    public static List<Command.CreateObject> commands() {
        return List.of(
                create(ConfigType.DOMAIN, "{\"fq_name\":[\"default-domain\"]}"),
                create(ConfigType.PROJECT, "{\"fq_name\":[\"default-domain\",\"default-project\"]}"),
                create(ConfigType.NETWORK_IPAM,
                        "{\"fq_name\":[\"default-domain\",\"default-project\",\"default-network-ipam\"]}"),
                create(ConfigType.GLOBAL_SYSTEM_CONFIG,
                        "{\"fq_name\":[\"default-global-system-config\"],\"autonomous_system\":64512}"),
                create(ConfigType.GLOBAL_VROUTER_CONFIG, "{\"fq_name\":[\"default-global-system-config\","
                        + "\"default-global-vrouter-config\"]}"));
    }

    private static Command.CreateObject create(ConfigType type, String json) {
        return new Command.CreateObject(type, (ObjectNode) JSON.readTree(json));
    }
}
