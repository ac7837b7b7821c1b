package io.filament.schema.config;

import java.util.List;

/**
 * A {@code PolicyRuleType} of a network policy or security group, with the protocol already a number (or
 * {@code any}) and {@code subnet_list} addresses flattened. {@code ruleUuid} is the rule's own {@code rule_uuid}
 * or, when it has none, a name-based id of its owner and content, so that it is stable across recomputation.
 */
public record PolicyRule(
        String ruleUuid,
        String direction,
        String protocol,
        String ethertype,
        List<Address> sourceAddresses,
        List<PortRange> sourcePorts,
        List<Address> destinationAddresses,
        List<PortRange> destinationPorts,
        Action action) {

    public PolicyRule {
        sourceAddresses = List.copyOf(sourceAddresses);
        sourcePorts = List.copyOf(sourcePorts);
        destinationAddresses = List.copyOf(destinationAddresses);
        destinationPorts = List.copyOf(destinationPorts);
    }

    PolicyRule withRuleUuid(String uuid) {
        return new PolicyRule(uuid, direction, protocol, ethertype, sourceAddresses, sourcePorts, destinationAddresses,
                destinationPorts, action);
    }

    public boolean bidirectional() {
        return "<>".equals(direction);
    }

    /** {@code simple_action} and the service instances of {@code apply_service} (empty when none). */
    public record Action(String simpleAction, List<String> applyService) {
        public Action {
            applyService = List.copyOf(applyService);
        }

        public boolean passes() {
            return !"deny".equals(simpleAction);
        }
    }

    /** A {@code PortType} range; {@code -1..-1} is "any" in agent form and kept as written. */
    public record PortRange(int start, int end) {
        public static final PortRange ALL = new PortRange(0, 65535);
    }

    /** One address of a rule after {@code subnet_list} flattening. */
    public sealed interface Address {
    }

    /** {@code virtual_network}: a fq name, {@code any} or {@code local}. */
    public record NetworkAddress(String virtualNetwork) implements Address {
        public boolean isAny() {
            return "any".equals(virtualNetwork);
        }

        public boolean isLocal() {
            return "local".equals(virtualNetwork);
        }
    }

    /** {@code security_group}: a fq name, {@code local} or {@code any}. */
    public record SecurityGroupAddress(String securityGroup) implements Address {
        public boolean isLocal() {
            return "local".equals(securityGroup);
        }

        public boolean isAny() {
            return "any".equals(securityGroup);
        }
    }

    /** {@code subnet}: an IP prefix. */
    public record SubnetAddress(String ipPrefix, int prefixLength) implements Address {
    }
}
