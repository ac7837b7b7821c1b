package io.filament.agent.oper;

import io.filament.contracts.net.IpPrefix;

import java.util.List;

/** An access-control list compiled for evaluation: rules in order, first match decides; {@code id} is local. */
public record CompiledAcl(String name, int id, List<Rule> rules) {

    public CompiledAcl {
        rules = List.copyOf(rules);
    }

    /** {@code protocol} -1 = any; port ranges inclusive, {@code 0..65535} = any. */
    public record Rule(int protocol, AddressMatch source, PortRange sourcePorts, AddressMatch destination,
                       PortRange destinationPorts, Action action) {
    }

    public record PortRange(int first, int last) {
        public static final PortRange ANY = new PortRange(0, 65535);
    }

    public enum Action { PASS, DENY }

    public sealed interface AddressMatch {
        record Any() implements AddressMatch {
        }

        record Network(String fqName) implements AddressMatch {
        }

        record Subnet(IpPrefix prefix) implements AddressMatch {
        }

        record SecurityGroup(long id) implements AddressMatch {
        }

        /** {@code security-group = local}: the security group the rule belongs to. */
        record LocalSecurityGroup() implements AddressMatch {
        }
    }
}
