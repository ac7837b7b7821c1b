package io.filament.schema.securitygroup;

import io.filament.schema.config.ConfigBody.SecurityGroupConfig;
import io.filament.schema.config.ConfigImage;
import io.filament.schema.config.ConfigObject;
import io.filament.schema.config.PolicyRule;
import io.filament.schema.config.PolicyRule.Address;
import io.filament.schema.config.PolicyRule.PortRange;
import io.filament.schema.desired.DesiredRecord;
import io.filament.schema.desired.Provenance;
import io.filament.schema.policy.AclAddress;
import io.filament.schema.policy.AclRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The ingress and egress ACLs of a security group: ingress holds the rules whose destination is {@code local},
 * egress those whose source is; group names become numeric group ids. A rule naming a group not yet present (or
 * without an id) waits for it. A group without an id has no ACLs yet. Security groups are allow-lists: every
 * entry passes.
 */
public final class SecurityGroupAclDeriver {

    public static final String INGRESS = "ingress-access-control-list";
    public static final String EGRESS = "egress-access-control-list";

    private SecurityGroupAclDeriver() {
    }

    public static List<DesiredRecord> derive(ConfigObject group, ConfigImage image) {
        SecurityGroupConfig config = (SecurityGroupConfig) group.body();
        if (config.securityGroupId().isEmpty()) {
            return List.of();
        }
        long ownId = config.securityGroupId().get();
        Provenance provenance = new Provenance().add(group);
        Map<AclRule.Key, AclRule> ingress = new LinkedHashMap<>();
        Map<AclRule.Key, AclRule> egress = new LinkedHashMap<>();
        for (PolicyRule rule : config.rules()) {
            String ruleUuid = rule.ruleUuid();
            for (Address src : rule.sourceAddresses()) {
                for (Address dst : rule.destinationAddresses()) {
                    boolean toLocal = isLocal(dst);
                    boolean fromLocal = isLocal(src);
                    if (!toLocal && !fromLocal) {
                        continue;
                    }
                    Optional<AclAddress> source = resolve(src, ownId, image, provenance);
                    Optional<AclAddress> destination = resolve(dst, ownId, image, provenance);
                    if (source.isEmpty() || destination.isEmpty()) {
                        continue;
                    }
                    for (PortRange sp : rule.sourcePorts()) {
                        for (PortRange dp : rule.destinationPorts()) {
                            var match = new AclRule.Match(rule.protocol(), rule.ethertype(), source.get(), sp,
                                    destination.get(), dp);
                            AclRule entry = new AclRule(ruleUuid, match, "pass", List.of());
                            if (toLocal) {
                                ingress.putIfAbsent(entry.key(), entry);
                            }
                            if (fromLocal) {
                                egress.putIfAbsent(entry.key(), entry);
                            }
                        }
                    }
                }
            }
        }
        return List.of(acl(group, ownId, INGRESS, ingress.values(), provenance),
                acl(group, ownId, EGRESS, egress.values(), provenance));
    }

    private static boolean isLocal(Address address) {
        return address instanceof PolicyRule.SecurityGroupAddress sg && sg.isLocal();
    }

    private static Optional<AclAddress> resolve(Address address, long ownId, ConfigImage image,
                                                Provenance provenance) {
        return switch (address) {
            case PolicyRule.SecurityGroupAddress sg when sg.isLocal() -> Optional.of(new AclAddress.SecurityGroup(ownId));
            case PolicyRule.SecurityGroupAddress sg when sg.isAny() -> Optional.of(new AclAddress.Any());
            case PolicyRule.SecurityGroupAddress sg -> image.byFqName("security-group", sg.securityGroup())
                    .flatMap(other -> {
                        provenance.add(other);
                        return ((SecurityGroupConfig) other.body()).securityGroupId();
                    })
                    .map(AclAddress.SecurityGroup::new);
            case PolicyRule.NetworkAddress vn when vn.isAny() -> Optional.of(new AclAddress.Any());
            case PolicyRule.NetworkAddress vn -> Optional.of(new AclAddress.Network(vn.virtualNetwork()));
            case PolicyRule.SubnetAddress subnet ->
                    Optional.of(new AclAddress.Subnet(subnet.ipPrefix(), subnet.prefixLength()));
        };
    }

    private static DesiredRecord acl(ConfigObject group, long ownId, String direction,
                                     java.util.Collection<AclRule> rules, Provenance provenance) {
        String name = group.fqName().child(direction).toString();
        Map<String, Object> acl = new TreeMap<>();
        acl.put("name", name);
        acl.put("security_group", group.fqName().toString());
        acl.put("security_group_uuid", group.key().uuid());
        acl.put("security_group_id", ownId);
        acl.put("direction", direction.startsWith("ingress") ? "ingress" : "egress");
        List<Object> entries = new ArrayList<>();
        rules.forEach(rule -> entries.add(rule.toJson()));
        acl.put("acl_rule", entries);
        acl.put("derived_from", provenance.toJson());
        return new DesiredRecord(DesiredRecord.SECURITY_GROUP_ACL, name, acl);
    }

    /** The fq names of the other groups a group's rules name; its ACLs change when one of them does. */
    public static java.util.Set<String> referencedGroups(ConfigObject group) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (PolicyRule rule : ((SecurityGroupConfig) group.body()).rules()) {
            java.util.stream.Stream.concat(rule.sourceAddresses().stream(), rule.destinationAddresses().stream())
                    .filter(a -> a instanceof PolicyRule.SecurityGroupAddress sg && !sg.isLocal() && !sg.isAny())
                    .forEach(a -> names.add(((PolicyRule.SecurityGroupAddress) a).securityGroup()));
        }
        return names;
    }
}
