package io.filament.schema.projection;

import io.filament.schema.config.ConfigImage;
import io.filament.schema.config.ConfigKey;
import io.filament.schema.config.ConfigObject;
import io.filament.schema.desired.DesiredRecord;
import io.filament.schema.policy.AttachedPolicies;
import io.filament.schema.policy.ConnectionDeriver;
import io.filament.schema.policy.ConnectionGraph;
import io.filament.schema.policy.NetworkAclDeriver;
import io.filament.schema.routing.GlobalSettings;
import io.filament.schema.routing.RouteTargetStore;
import io.filament.schema.routing.RoutingInstanceDeriver;
import io.filament.schema.securitygroup.SecurityGroupAclDeriver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The records one config object owns, given the image, the connection graph and the route-target claims. A network
 * owns its routing instance, route target, ACL and the connections whose first instance is its own; a security
 * group owns its two ACLs. Full recompute and the incremental translator both derive through here.
 */
final class Projection {

    static final String VIRTUAL_NETWORK = "virtual-network";
    static final String SECURITY_GROUP = "security-group";
    static final String NETWORK_POLICY = "network-policy";

    private final ConfigImage image;
    private final ConnectionGraph graph;
    private final RoutingInstanceDeriver instances;
    private final ExpansionCache expansions;
    private final Map<ConfigKey, ExpansionCache.Expansion> expanded = new HashMap<>();

    Projection(ConfigImage image, ConnectionGraph graph, RouteTargetStore store, ExpansionCache expansions) {
        this.image = image;
        this.graph = graph;
        this.instances = new RoutingInstanceDeriver(store, GlobalSettings.from(image));
        this.expansions = expansions;
    }

    /** Looked up once per network and projection: the image does not change while a projection is in use. */
    private ExpansionCache.Expansion expansion(ConfigObject network) {
        return expanded.computeIfAbsent(network.key(),
                key -> expansions.expansion(network, AttachedPolicies.of(network, image)));
    }

    /** Expands all the given networks up front, in parallel (see {@link ExpansionCache#preload}). */
    void expandAll(java.util.Collection<ConfigObject> networks) {
        List<ExpansionCache.Attached> attached = new ArrayList<>(networks.size());
        networks.forEach(network -> attached.add(new ExpansionCache.Attached(network, AttachedPolicies.of(network, image))));
        expansions.preload(attached);
    }

    /** Recomputes the network's connection intent from its policies and records it in the graph. */
    void updateIntent(ConfigObject network) {
        String name = network.fqName().toString();
        graph.put(name, network.fqName().parent(), expansion(network).intent());
    }

    List<DesiredRecord> networkRecords(ConfigObject network) {
        String name = network.fqName().toString();
        ExpansionCache.Expansion expansion = expansion(network);
        List<ConfigObject> peers = graph.peersOf(name).stream()
                .map(peer -> image.byFqName(VIRTUAL_NETWORK, peer).orElseThrow())
                .toList();
        List<DesiredRecord> records = new ArrayList<>(instances.derive(network, peers, expansion.policies()));
        NetworkAclDeriver.withEntries(network, expansion.policies(), expansion.aclEntries()).ifPresent(records::add);
        String ownInstance = RoutingInstanceDeriver.instanceName(network);
        for (ConfigObject peer : peers) {
            if (ownInstance.compareTo(RoutingInstanceDeriver.instanceName(peer)) < 0) {
                records.add(ConnectionDeriver.derive(network, expansion.policies(), peer,
                        expansion(peer).policies()));
            }
        }
        return records;
    }

    List<DesiredRecord> securityGroupRecords(ConfigObject group) {
        return SecurityGroupAclDeriver.derive(group, image);
    }
}
