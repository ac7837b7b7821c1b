package io.filament.agent.port;

import io.filament.contracts.net.IpAddress;
import io.filament.contracts.net.MacAddress;

import java.util.Optional;
import java.util.UUID;

/**
 * A port plugged on this host through the port API: TF's port-IPC fields plus the workload namespace and the
 * interface name the TAP gets inside it.
 *
 * @param id          the virtual-machine-interface uuid ({@code id})
 * @param instanceId  the virtual-machine uuid ({@code instance-id})
 * @param vnId        the virtual network uuid ({@code vn-id}), absent when the plugger does not know it
 * @param projectId   {@code vm-project-id}
 * @param ipv4        {@code ip-address}; absent when empty or {@code 0.0.0.0}
 * @param ipv6        {@code ip6-address}
 * @param mac         {@code mac-address}
 * @param systemName  {@code system-name}: the TAP's name as the dataplane creates it
 * @param displayName {@code display-name}
 * @param rxVlanId    {@code rx-vlan-id}, -1 for none
 * @param txVlanId    {@code tx-vlan-id}, -1 for none
 * @param type        {@code type}
 * @param netns       the workload namespace: a name under /var/run/netns or an absolute path
 * @param ifname      the TAP's name inside {@code netns}
 */
public record Port(UUID id, UUID instanceId, Optional<UUID> vnId, Optional<UUID> projectId,
                   Optional<IpAddress> ipv4, Optional<IpAddress> ipv6, MacAddress mac, String systemName,
                   String displayName, int rxVlanId, int txVlanId, PortType type, Optional<String> netns,
                   Optional<String> ifname) {

    public static final int NO_VLAN = -1;

    /** TF's port-IPC port types. */
    public enum PortType {
        VIRTUAL_MACHINE(0), NAMESPACE(1), REMOTE(2);

        private final int code;

        PortType(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        static Optional<PortType> of(int code) {
            for (PortType t : values()) {
                if (t.code == code) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }

    /** The interface name the workload sees: {@code ifname} when it moves to a namespace, else the TAP name. */
    public String workloadInterfaceName() {
        return ifname.orElse(systemName);
    }
}
