package io.filament.schema.projection;

import io.filament.schema.config.ConfigObject;
import io.filament.schema.desired.JsonFragment;
import io.filament.schema.policy.AclRule;
import io.filament.schema.policy.ConnectionIntent;
import io.filament.schema.policy.NetworkAclDeriver;
import io.filament.schema.policy.NetworkPolicyExpander;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expanded policy rules and their ACL JSON per network, kept while the network's name and the exact policy
 * snapshots attached to it stay the same: a network update that only changes its version then costs no
 * re-expansion. Keyed by the identity of the policy snapshots (a new snapshot is a new object), bounded LRU.
 */
final class ExpansionCache {

    /** A network's attached policies, the ACL entries of their expanded rules and the connection intent from them. */
    record Expansion(List<ConfigObject> policies, JsonFragment aclEntries,
                     ConnectionIntent intent) {
    }

    /** A network and its attached policies in evaluation order. */
    record Attached(ConfigObject network, List<ConfigObject> policies) {
    }

    private record Identity(Object object) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identity(Object that) && that == object;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(object);
        }
    }

    private record Key(String network, List<Identity> policies) {
    }

    private final Map<Key, Expansion> cache;

    ExpansionCache(int capacity) {
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Expansion> eldest) {
                return size() > capacity;
            }
        };
    }

    Expansion expansion(ConfigObject network, List<ConfigObject> policies) {
        return cache.computeIfAbsent(key(network, policies), key -> expand(network, policies));
    }

    /**
     * Expands every given network that is not cached yet, on the common
     * fork-join pool as well as the calling thread, then caches the results on the calling thread. Expanding is a
     * pure function of the network's name and its policy snapshots, so the order of the work does not matter.
     */
    void preload(List<Attached> networks) {
        List<Attached> missing = networks.stream()
                .filter(each -> !cache.containsKey(key(each.network(), each.policies())))
                .toList();
        List<Expansion> expanded = missing.parallelStream()
                .map(each -> expand(each.network(), each.policies()))
                .toList();
        for (int i = 0; i < missing.size(); i++) {
            cache.put(key(missing.get(i).network(), missing.get(i).policies()), expanded.get(i));
        }
    }

    private static Key key(ConfigObject network, List<ConfigObject> policies) {
        List<Identity> identities = new ArrayList<>(policies.size());
        policies.forEach(policy -> identities.add(new Identity(policy)));
        return new Key(network.fqName().toString(), identities);
    }

    private static Expansion expand(ConfigObject network, List<ConfigObject> policies) {
        String name = network.fqName().toString();
        List<AclRule> rules = NetworkPolicyExpander.expand(name, policies);
        return new Expansion(policies, NetworkAclDeriver.entries(name, rules),
                NetworkPolicyExpander.intentOf(name, rules));
    }
}
