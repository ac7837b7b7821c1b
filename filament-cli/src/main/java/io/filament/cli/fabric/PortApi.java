package io.filament.cli.fabric;

import io.filament.cli.http.ServiceClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A host agent's port API (Tungsten Fabric's port-IPC on 9091): what Nova's vif driver or a CNI plugin calls
 * to plug a VM or pod interface. {@code netns} and {@code ifname} make the TAP appear inside the workload's
 * namespace under that name.
 */
public final class PortApi {

    public static final int PORT = 9091;

    private final ServiceClient http;

    public PortApi(String hostAddress) {
        this.http = new ServiceClient("port API on " + hostAddress, hostAddress + ":" + PORT);
    }

    public void plug(FabricIntent.Port port, String netns, String ifname) {
        ObjectNode body = ConfigApi.object()
                .put("id", port.vmiUuid())
                .put("instance-id", port.vmUuid())
                .put("vn-id", port.networkUuid())
                .put("vm-project-id", port.projectUuid())
                .put("ip-address", port.ipAddress())
                .put("ip6-address", "")
                .put("mac-address", port.macAddress())
                .put("system-name", tapName(port.vmiUuid()))
                .put("display-name", port.vmName())
                .put("rx-vlan-id", -1)
                .put("tx-vlan-id", -1)
                .put("type", 0)
                .put("netns", netns)
                .put("ifname", ifname);
        http.post("/port", body);
    }

    public void unplug(String vmiUuid) {
        http.delete("/port/" + vmiUuid);
    }

    /** A port the agent has plugged: its VMI uuid and the namespace its TAP goes into ("" when none). */
    public record Plugged(String vmiUuid, String netns) {
    }

    /** Every port the agent has plugged. */
    public List<Plugged> plugged() {
        List<Plugged> out = new ArrayList<>();
        for (JsonNode p : http.get("/ports")) {
            out.add(new Plugged(p.path("id").asString(), p.path("netns").asString("")));
        }
        return out;
    }

    /**
     * Unplugs every port whose TAP goes into one of {@code namespaces}: what an orchestrator does for the VMs it
     * deletes, so that the agent does not keep, and restore after a restart, ports of VMs that are gone. Returns how
     * many it unplugged.
     */
    public int unplugIn(Collection<String> namespaces) {
        int unplugged = 0;
        for (Plugged p : plugged()) {
            if (namespaces.contains(p.netns())) {
                unplug(p.vmiUuid());
                unplugged++;
            }
        }
        return unplugged;
    }

    /** TF's TAP naming: {@code tap} + the first 11 characters of the VMI uuid (an interface name has ≤ 15). */
    public static String tapName(String vmiUuid) {
        return "tap" + vmiUuid.substring(0, 11);
    }
}
