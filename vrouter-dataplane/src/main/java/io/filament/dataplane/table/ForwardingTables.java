package io.filament.dataplane.table;

import io.filament.dataplane.policy.CompiledAcl;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Interfaces, VRFs with their route tables, next hops, the MPLS label table, the VNI table and compiled ACLs.
 * Every change is validated completely before anything is written, so a refused change ({@link TableException})
 * leaves the tables as they were. Adding an object whose id exists replaces it (the agent's resync re-sends
 * everything). Not thread-safe: it is owned by the forwarding lock (see PIPELINE.md).
 */
public final class ForwardingTables {

    private final TableLimits limits;
    private final Vif[] vifs;
    private final NextHop[] nextHops;
    private final Vrf[] vrfs;
    private final int[] labels;
    private final IntIntMap vnis;
    private final CompiledAcl[] acls;

    public ForwardingTables(TableLimits limits) {
        this.limits = limits;
        this.vifs = new Vif[limits.interfaces()];
        this.nextHops = new NextHop[limits.nextHops()];
        this.vrfs = new Vrf[limits.vrfs()];
        this.labels = new int[limits.mplsLabels()];
        this.vnis = new IntIntMap(limits.vnis());
        this.acls = new CompiledAcl[limits.acls()];
        Arrays.fill(labels, -1);
        nextHops[0] = new NextHop.Discard(0);
    }

    public TableLimits limits() {
        return limits;
    }

    // ---- fast-path reads (allocation-free) ----

    public Vif vif(int index) {
        return index >= 0 && index < vifs.length ? vifs[index] : null;
    }

    public NextHop nextHop(int id) {
        return id >= 0 && id < nextHops.length ? nextHops[id] : null;
    }

    public Vrf vrf(int id) {
        return id >= 0 && id < vrfs.length ? vrfs[id] : null;
    }

    /** Next hop id for a label, or -1. */
    public int labelNextHop(int label) {
        return label >= 0 && label < labels.length ? labels[label] : -1;
    }

    /** VRF id for a VNI, or -1. */
    public int vniVrf(int vni) {
        return vnis.get(vni, -1);
    }

    public CompiledAcl acl(int id) {
        return id > 0 && id < acls.length ? acls[id] : null;
    }

    // ---- VRFs ----

    public void addVrf(int id) {
        checkIndex("vrf.id", id, vrfs.length);
        if (vrfs[id] == null) {
            vrfs[id] = new Vrf(id);
        }
    }

    public void removeVrf(int id) {
        Vrf vrf = existingVrf("vrf.id", id);
        if (vrf.routeCount() > 0) {
            throw new TableException("vrf.id", id, "still has " + vrf.routeCount() + " routes");
        }
        for (Vif v : vifs) {
            if (v != null && v.vrf() == id) {
                throw new TableException("vrf.id", id, "used by interface " + v.index());
            }
        }
        vnis.forEach((vni, vrfId) -> {
            if (vrfId == id) {
                throw new TableException("vrf.id", id, "mapped from vni " + vni);
            }
        });
        vrfs[id] = null;
    }

    // ---- interfaces ----

    public void addInterface(Vif vif) {
        checkIndex("interface.index", vif.index(), vifs.length);
        if (vif.name().isEmpty() || vif.name().length() > 15) {
            throw new TableException("interface.name", vif.name(), "must be 1..15 characters (IFNAMSIZ)");
        }
        if ((vif.flags() & ~Vif.KNOWN_FLAGS) != 0) {
            throw new TableException("interface.flags", vif.flags(), "unknown bits");
        }
        if (vif.mtu() < 576 || vif.mtu() > 9000) {
            throw new TableException("interface.mtu", vif.mtu(), "outside 576..9000");
        }
        if (vif.maxFlows() < 0) {
            throw new TableException("interface.max_flows", vif.maxFlows(), "negative");
        }
        existingVrf("interface.vrf", vif.vrf());
        for (int i = 0; i < vifs.length; i++) {
            if (vifs[i] != null && i != vif.index() && vifs[i].name().equals(vif.name())) {
                throw new TableException("interface.name", vif.name(), "already used by interface " + i);
            }
        }
        if (vif.networkAcl() != 0) {
            existingAcl("interface.network_acl", vif.networkAcl());
        }
        for (int i = 0; i < vif.ingressAclCount(); i++) {
            existingAcl("interface.ingress_acls", vif.ingressAcl(i));
        }
        for (int i = 0; i < vif.egressAclCount(); i++) {
            existingAcl("interface.egress_acls", vif.egressAcl(i));
        }
        vifs[vif.index()] = vif;
    }

    public Vif removeInterface(int index) {
        Vif vif = existingVif("interface.index", index);
        for (NextHop nh : nextHops) {
            if (nh instanceof NextHop.Interface i && i.vif() == index) {
                throw new TableException("interface.index", index, "used by next hop " + nh.id());
            }
        }
        vifs[index] = null;
        return vif;
    }

    // ---- next hops ----

    public void addNextHop(NextHop nh) {
        checkIndex("nexthop.id", nh.id(), nextHops.length);
        if (nh.id() == 0) {
            throw new TableException("nexthop.id", 0, "reserved for the built-in discard next hop");
        }
        switch (nh) {
            case NextHop.Interface i -> existingVif("nexthop.vif", i.vif());
            case NextHop.Tunnel t -> validateTunnel(t);
            case NextHop.Ecmp e -> validateEcmp(e);
            case NextHop.Receive r -> { }
            case NextHop.Discard d -> { }
        }
        NextHop old = nextHops[nh.id()];
        if (old instanceof NextHop.Interface || old instanceof NextHop.Tunnel) {
            if (!(nh instanceof NextHop.Interface || nh instanceof NextHop.Tunnel)) {
                requireNotEcmpMember(nh.id());
            }
        }
        nextHops[nh.id()] = nh;
    }

    public void removeNextHop(int id) {
        if (id == 0) {
            throw new TableException("nexthop.id", 0, "the built-in discard next hop cannot be removed");
        }
        existingNextHop("nexthop.id", id);
        requireNotEcmpMember(id);
        for (int label = 0; label < labels.length; label++) {
            if (labels[label] == id) {
                throw new TableException("nexthop.id", id, "used by mpls label " + label);
            }
        }
        for (Vrf vrf : vrfs) {
            if (vrf != null) {
                requireUnrouted(vrf.inet(), vrf.id(), id);
                requireUnrouted(vrf.inet6(), vrf.id(), id);
            }
        }
        nextHops[id] = null;
    }

    private void validateTunnel(NextHop.Tunnel t) {
        int max = t.encapsulation() == NextHop.Encapsulation.VXLAN ? (1 << 24) - 1 : (1 << 20) - 1;
        if (t.labelOrVni() < 0 || t.labelOrVni() > max
                || (t.encapsulation() == NextHop.Encapsulation.MPLS_OVER_UDP && t.labelOrVni() < 16)) {
            throw new TableException("nexthop.label_or_vni", t.labelOrVni(),
                    "outside " + (t.encapsulation() == NextHop.Encapsulation.VXLAN ? "0.." : "16..") + max);
        }
        if (t.remote() == 0) {
            throw new TableException("nexthop.remote", "0.0.0.0", "a tunnel needs a fabric address");
        }
        if ((t.innerDestinationMac() >>> 48) != 0) {
            throw new TableException("nexthop.inner_mac", t.innerDestinationMac(), "more than 48 bits");
        }
    }

    private void validateEcmp(NextHop.Ecmp e) {
        int[] members = e.members();
        if (members.length < 1 || members.length > 64) {
            throw new TableException("nexthop.members", members.length, "an ECMP set has 1..64 members");
        }
        for (int m : members) {
            NextHop member = existingNextHop("nexthop.members", m);
            if (!(member instanceof NextHop.Interface || member instanceof NextHop.Tunnel)) {
                throw new TableException("nexthop.members", m, "ECMP members must be interface or tunnel next hops");
            }
        }
    }

    private void requireNotEcmpMember(int id) {
        for (NextHop nh : nextHops) {
            if (nh instanceof NextHop.Ecmp e) {
                for (int m : e.members()) {
                    if (m == id) {
                        throw new TableException("nexthop.id", id, "member of ECMP next hop " + e.id());
                    }
                }
            }
        }
    }

    private static void requireUnrouted(MultibitTrie trie, int vrf, int nh) {
        trie.forEach((prefix, value) -> {
            if (value == nh) {
                throw new TableException("nexthop.id", nh, "used by a route in vrf " + vrf);
            }
        });
    }

    // ---- routes ----

    public void addRoute(int vrfId, int family, long high, long low, int length, int nextHop) {
        Vrf vrf = existingVrf("route.vrf", vrfId);
        existingNextHop("route.nexthop", nextHop);
        trie(vrf, family).put(high, low, length, nextHop);
    }

    public void removeRoute(int vrfId, int family, long high, long low, int length) {
        Vrf vrf = existingVrf("route.vrf", vrfId);
        MultibitTrie trie = trie(vrf, family);
        if (trie.remove(high, low, length).isEmpty()) {
            throw new TableException("route.prefix", length, "no such route in vrf " + vrfId);
        }
    }

    private static MultibitTrie trie(Vrf vrf, int family) {
        return switch (family) {
            case 4 -> vrf.inet();
            case 6 -> vrf.inet6();
            default -> throw new TableException("route.family", family, "not 4 or 6");
        };
    }

    // ---- MPLS and VNI ----

    public void addLabel(int label, int nextHop) {
        if (label < 16) {
            throw new TableException("mpls.label", label, "labels 0..15 are reserved");
        }
        checkIndex("mpls.label", label, labels.length);
        NextHop nh = existingNextHop("mpls.nexthop", nextHop);
        if (nh instanceof NextHop.Tunnel) {
            throw new TableException("mpls.nexthop", nextHop, "a label cannot point at a tunnel");
        }
        labels[label] = nextHop;
    }

    public void removeLabel(int label) {
        if (labelNextHop(label) < 0) {
            throw new TableException("mpls.label", label, "not in the label table");
        }
        labels[label] = -1;
    }

    public void addVni(int vni, int vrfId) {
        if (vni < 1 || vni > (1 << 24) - 1) {
            throw new TableException("vni.vni", vni, "outside 1..16777215");
        }
        existingVrf("vni.vrf", vrfId);
        if (!vnis.put(vni, vrfId)) {
            throw new TableException("vni.vni", vni, "VNI table full (" + limits.vnis() + ")");
        }
    }

    public void removeVni(int vni) {
        if (vniVrf(vni) < 0) {
            throw new TableException("vni.vni", vni, "not in the VNI table");
        }
        vnis.remove(vni);
    }

    // ---- ACLs ----

    public void addAcl(CompiledAcl acl) {
        if (acl.id() <= 0 || acl.id() >= acls.length) {
            throw new TableException("acl.id", acl.id(), "outside 1.." + (acls.length - 1));
        }
        acls[acl.id()] = acl;
    }

    public void removeAcl(int id) {
        existingAcl("acl.id", id);
        for (Vif v : vifs) {
            if (v != null && usesAcl(v, id)) {
                throw new TableException("acl.id", id, "used by interface " + v.index());
            }
        }
        acls[id] = null;
    }

    private static boolean usesAcl(Vif v, int id) {
        if (v.networkAcl() == id) {
            return true;
        }
        for (int i = 0; i < v.ingressAclCount(); i++) {
            if (v.ingressAcl(i) == id) {
                return true;
            }
        }
        for (int i = 0; i < v.egressAclCount(); i++) {
            if (v.egressAcl(i) == id) {
                return true;
            }
        }
        return false;
    }

    // ---- dump ----

    /** Everything, for the agent's resync. */
    public TableSnapshot snapshot() {
        List<Integer> vrfIds = new ArrayList<>();
        List<TableSnapshot.Route> routes = new ArrayList<>();
        for (Vrf vrf : vrfs) {
            if (vrf != null) {
                vrfIds.add(vrf.id());
                vrf.inet().forEach((p, nh) -> routes.add(new TableSnapshot.Route(vrf.id(), 4, p, nh)));
                vrf.inet6().forEach((p, nh) -> routes.add(new TableSnapshot.Route(vrf.id(), 6, p, nh)));
            }
        }
        List<int[]> labelList = new ArrayList<>();
        for (int l = 0; l < labels.length; l++) {
            if (labels[l] >= 0) {
                labelList.add(new int[] {l, labels[l]});
            }
        }
        List<int[]> vniList = new ArrayList<>();
        vnis.forEach((vni, vrf) -> vniList.add(new int[] {vni, vrf}));
        return new TableSnapshot(present(vifs), vrfIds,
                present(nextHops).stream().filter(nh -> nh.id() != 0).toList(), routes, labelList, vniList,
                present(acls));
    }

    private static <T> List<T> present(T[] array) {
        List<T> out = new ArrayList<>();
        for (T t : array) {
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    public Optional<Vif> interfaceNamed(String name) {
        return present(vifs).stream().filter(v -> v.name().equals(name)).findFirst();
    }

    // ---- checks ----

    private static void checkIndex(String field, int value, int size) {
        if (value < 0 || value >= size) {
            throw new TableException(field, value, "outside 0.." + (size - 1));
        }
    }

    private Vrf existingVrf(String field, int id) {
        Vrf vrf = vrf(id);
        if (vrf == null) {
            throw new TableException(field, id, "no such vrf");
        }
        return vrf;
    }

    private Vif existingVif(String field, int index) {
        Vif vif = vif(index);
        if (vif == null) {
            throw new TableException(field, index, "no such interface");
        }
        return vif;
    }

    private NextHop existingNextHop(String field, int id) {
        NextHop nh = nextHop(id);
        if (nh == null) {
            throw new TableException(field, id, "no such next hop");
        }
        return nh;
    }

    private void existingAcl(String field, int id) {
        if (acl(id) == null) {
            throw new TableException(field, id, "no such acl");
        }
    }
}
