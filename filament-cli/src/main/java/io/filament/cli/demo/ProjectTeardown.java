package io.filament.cli.demo;

import io.filament.cli.fabric.ConfigApi;
import io.filament.cli.http.ServiceError;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Removes a project and everything a demo or benchmark put in it, children and referrers first, so that the config
 * API's 409 rules (no delete while children or back-references remain) are respected.
 */
public final class ProjectTeardown {

    private final ConfigApi api;

    public ProjectTeardown(ConfigApi api) {
        this.api = api;
    }

    /** Returns how many objects were deleted; zero when the project does not exist. */
    public int removeProject(String project) {
        String projectUuid;
        try {
            projectUuid = api.uuidOf("project", List.of("default-domain", project));
        } catch (ServiceError e) {
            if (e.status() == 404) {
                return 0;
            }
            throw e;
        }
        int deleted = 0;
        for (JsonNode listed : children("virtual-machine-interface", projectUuid)) {
            // Listings leave back-references out; a single read has them.
            JsonNode vmi = api.read("virtual-machine-interface", listed.path("uuid").asString());
            for (JsonNode iip : vmi.path("instance_ip_back_refs")) {
                api.delete("instance-ip", iip.path("uuid").asString());
                deleted++;
            }
            api.delete("virtual-machine-interface", vmi.path("uuid").asString());
            deleted++;
            for (JsonNode vm : vmi.path("virtual_machine_refs")) {
                deleted += deleteIfUnreferenced("virtual-machine", vm.path("uuid").asString());
            }
        }
        for (JsonNode listed : children("virtual-network", projectUuid)) {
            // an instance-ip without a VMI (a port create that stopped half-way, say) still holds its network
            JsonNode network = api.read("virtual-network", listed.path("uuid").asString());
            for (JsonNode iip : network.path("instance_ip_back_refs")) {
                deleted += deleteIfUnreferenced("instance-ip", iip.path("uuid").asString());
            }
        }
        for (String type : List.of("virtual-network", "network-policy", "security-group")) {
            for (JsonNode object : children(type, projectUuid)) {
                api.delete(type, object.path("uuid").asString());
                deleted++;
            }
        }
        api.delete("project", projectUuid);
        return deleted + 1;
    }

    private Iterable<JsonNode> children(String type, String parentUuid) {
        JsonNode listing = api.http().get("/" + type + "s?detail=true&parent_id=" + parentUuid);
        return listing.path(type + "s").valueStream().map(entry -> entry.has(type) ? entry.get(type) : entry).toList();
    }

    private int deleteIfUnreferenced(String type, String uuid) {
        try {
            api.delete(type, uuid);
            return 1;
        } catch (ServiceError e) {
            if (e.status() == 404 || e.status() == 409) {
                return 0;
            }
            throw e;
        }
    }
}
