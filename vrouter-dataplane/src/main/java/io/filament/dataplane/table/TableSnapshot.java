package io.filament.dataplane.table;

import io.filament.dataplane.policy.CompiledAcl;
import java.util.List;

/**
 * A complete copy of the forwarding tables, as the control socket's dump returns it.
 *
 * @param labels pairs {label, next hop}
 * @param vnis pairs {vni, vrf}
 */
public record TableSnapshot(List<Vif> interfaces, List<Integer> vrfs, List<NextHop> nextHops, List<Route> routes,
                            List<int[]> labels, List<int[]> vnis, List<CompiledAcl> acls) {

    public record Route(int vrf, int family, MultibitTrie.Prefix prefix, int nextHop) {
    }
}
