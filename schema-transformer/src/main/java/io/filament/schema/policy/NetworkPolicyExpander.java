package io.filament.schema.policy;

import io.filament.schema.config.ConfigBody.NetworkPolicyConfig;
import io.filament.schema.config.ConfigObject;
import io.filament.schema.config.PolicyRule;
import io.filament.schema.config.PolicyRule.Address;
import io.filament.schema.config.PolicyRule.NetworkAddress;
import io.filament.schema.config.PolicyRule.PortRange;
import io.filament.schema.config.PolicyRule.SubnetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Expands the rules of a network's policies into ACL rules as TF's schema transformer does: the cartesian product
 * of source addresses, source ports, destination addresses and destination ports; {@code local} becomes the
 * network itself; a pair applies only when one side is this network or {@code any}, or both sides are subnets;
 * {@code <>} adds the reversed rule unless it is its own reverse; duplicates keep their first position.
 */
public final class NetworkPolicyExpander {

    private NetworkPolicyExpander() {
    }

    public static List<AclRule> expand(String network, List<ConfigObject> orderedPolicies) {
        Map<AclRule.Key, AclRule> rules = new LinkedHashMap<>();
        for (ConfigObject policy : orderedPolicies) {
            for (PolicyRule rule : ((NetworkPolicyConfig) policy.body()).rules()) {
                for (AclRule expanded : expand(network, rule)) {
                    rules.putIfAbsent(expanded.key(), expanded);
                }
            }
        }
        return List.copyOf(rules.values());
    }

    static List<AclRule> expand(String network, PolicyRule rule) {
        String ruleUuid = rule.ruleUuid();
        List<AclRule> result = new ArrayList<>();
        for (Address source : rule.sourceAddresses()) {
            for (PortRange sourcePort : rule.sourcePorts()) {
                for (Address destination : rule.destinationAddresses()) {
                    for (PortRange destinationPort : rule.destinationPorts()) {
                        Optional<AclAddress> src = resolve(network, source);
                        Optional<AclAddress> dst = resolve(network, destination);
                        if (src.isEmpty() || dst.isEmpty() || !applies(network, src.get(), dst.get())) {
                            continue;
                        }
                        var match = new AclRule.Match(rule.protocol(), rule.ethertype(), src.get(), sourcePort,
                                dst.get(), destinationPort);
                        result.add(new AclRule(ruleUuid, match, rule.action().simpleAction(),
                                rule.action().applyService()));
                        if (rule.bidirectional() && !match.equals(match.reversed())) {
                            result.add(new AclRule(ruleUuid, match.reversed(), rule.action().simpleAction(),
                                    rule.action().applyService()));
                        }
                    }
                }
            }
        }
        return result;
    }

    private static Optional<AclAddress> resolve(String network, Address address) {
        return switch (address) {
            case NetworkAddress vn when vn.isLocal() -> Optional.of(new AclAddress.Network(network));
            case NetworkAddress vn when vn.isAny() -> Optional.of(new AclAddress.Any());
            case NetworkAddress vn -> Optional.of(new AclAddress.Network(vn.virtualNetwork()));
            case SubnetAddress subnet -> Optional.of(new AclAddress.Subnet(subnet.ipPrefix(), subnet.prefixLength()));
            case PolicyRule.SecurityGroupAddress ignored -> Optional.empty();
        };
    }

    private static boolean applies(String network, AclAddress source, AclAddress destination) {
        return mentions(network, source) || mentions(network, destination)
                || (source instanceof AclAddress.Subnet && destination instanceof AclAddress.Subnet);
    }

    static boolean mentions(String network, AclAddress address) {
        return address instanceof AclAddress.Any
                || (address instanceof AclAddress.Network(String vn) && vn.equals(network));
    }

    /** The networks this network's pass rules open a connection to (TF's {@code connected_network}). */
    public static ConnectionIntent intentOf(String network, List<AclRule> rules) {
        java.util.SortedSet<String> named = new java.util.TreeSet<>();
        boolean any = false;
        for (AclRule rule : rules) {
            if (!rule.passes() || !rule.applyService().isEmpty()) {
                continue;
            }
            AclAddress other = mentions(network, rule.match().destination()) ? rule.match().source()
                    : mentions(network, rule.match().source()) ? rule.match().destination() : null;
            if (other instanceof AclAddress.Any) {
                any = true;
            } else if (other instanceof AclAddress.Network(String vn) && !vn.equals(network)) {
                named.add(vn);
            }
        }
        return new ConnectionIntent(named, any);
    }
}
