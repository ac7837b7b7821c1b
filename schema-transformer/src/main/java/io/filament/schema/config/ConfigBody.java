package io.filament.schema.config;

import java.util.List;
import java.util.Optional;

/** The typed properties of the config object types the transformer derives from. */
public sealed interface ConfigBody {

    /** {@code virtual-network}: identifiers, forwarding mode and the user route targets. */
    record VirtualNetworkConfig(
            Optional<Integer> networkId,
            Optional<Integer> vxlanId,
            Optional<String> forwardingMode,
            List<String> routeTargets,
            List<String> importRouteTargets,
            List<String> exportRouteTargets) implements ConfigBody {

        public VirtualNetworkConfig {
            routeTargets = List.copyOf(routeTargets);
            importRouteTargets = List.copyOf(importRouteTargets);
            exportRouteTargets = List.copyOf(exportRouteTargets);
        }
    }

    /** {@code network-policy}: its rules in order. */
    record NetworkPolicyConfig(List<PolicyRule> rules) implements ConfigBody {
        public NetworkPolicyConfig {
            rules = List.copyOf(rules);
        }
    }

    /** {@code security-group}: its rules and numeric id ({@code configured_security_group_id} wins when set). */
    record SecurityGroupConfig(Optional<Long> securityGroupId, List<PolicyRule> rules) implements ConfigBody {
        public SecurityGroupConfig {
            rules = List.copyOf(rules);
        }
    }

    /** {@code global-system-config}: the autonomous system. */
    record GlobalSystemConfig(long autonomousSystem, boolean fourByteAs) implements ConfigBody {
    }

    /** {@code global-vrouter-config}: how VNIs are chosen and the default forwarding mode. */
    record GlobalVrouterConfig(boolean vxlanIdConfigured, Optional<String> forwardingMode) implements ConfigBody {
    }

    /** Any other type: kept for its identity and references only. */
    record OtherConfig() implements ConfigBody {
    }
}
