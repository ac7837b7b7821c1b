package io.filament.schema.policy;

import io.filament.schema.config.ConfigObject;
import io.filament.schema.config.PolicyRule.PortRange;
import io.filament.schema.desired.CanonicalJson;
import io.filament.schema.desired.DesiredRecord;
import io.filament.schema.desired.JsonFragment;
import io.filament.schema.desired.Provenance;
import io.filament.schema.routing.RoutingInstanceDeriver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The ACL of a network with attached policies: the expanded policy rules in order, then the implicit pass within
 * the network, then deny-all. A network without (present) policies has no ACL. The ACL is named like TF's,
 * {@code <network fq name>:<network name>}.
 */
public final class NetworkAclDeriver {

    private NetworkAclDeriver() {
    }

    public static Optional<DesiredRecord> derive(ConfigObject network, List<ConfigObject> policies,
                                                 List<AclRule> expandedRules) {
        return withEntries(network, policies, entries(network.fqName().toString(), expandedRules));
    }

    /**
     * The JSON {@code acl_rule} list: the expanded rules then the two implicit ones, as canonical JSON so that it
     * can be kept and shared cheaply while the network's name and policies stay the same.
     */
    public static JsonFragment entries(String vn, List<AclRule> expandedRules) {
        List<Object> entries = new ArrayList<>();
        expandedRules.forEach(rule -> entries.add(rule.toJson()));
        entries.add(implicit(AclRule.IMPLICIT_PASS_UUID, new AclAddress.Network(vn), new AclAddress.Network(vn),
                "pass").toJson());
        entries.add(implicit(AclRule.IMPLICIT_DENY_UUID, new AclAddress.Any(), new AclAddress.Any(), "deny")
                .toJson());
        return CanonicalJson.fragment(entries);
    }

    /** The ACL record with entries built earlier by {@link #entries}. */
    public static Optional<DesiredRecord> withEntries(ConfigObject network, List<ConfigObject> policies,
                                                      JsonFragment entries) {
        if (policies.isEmpty()) {
            return Optional.empty();
        }
        String vn = network.fqName().toString();

        String name = RoutingInstanceDeriver.instanceName(network);
        Map<String, Object> acl = new TreeMap<>();
        acl.put("name", name);
        acl.put("virtual_network", vn);
        acl.put("virtual_network_uuid", network.key().uuid());
        acl.put("dynamic", false);
        acl.put("acl_rule", entries);
        acl.put("derived_from", new Provenance().add(network).addAll(policies).toJson());
        return Optional.of(new DesiredRecord(DesiredRecord.NETWORK_ACL, name, acl));
    }

    private static AclRule implicit(String uuid, AclAddress source, AclAddress destination, String action) {
        return new AclRule(uuid, new AclRule.Match("any", "IPv4", source, PortRange.ALL, destination, PortRange.ALL),
                action, List.of());
    }
}
