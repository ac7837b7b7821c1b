package io.filament.dataplane.table;

import java.util.Arrays;

/**
 * A VM-facing interface (TF's {@code vr_interface} of type VIRTUAL): the TAP device, the VM's MAC and IPv4
 * address, its VRF, flags and the ACLs that apply to its flows.
 *
 * @param networkAcl the compiled network-policy ACL of the interface's virtual network, 0 for none
 * @param ingressAcls security-group ACLs for traffic towards the VM
 * @param egressAcls security-group ACLs for traffic from the VM
 * @param maxFlows flow entries this interface may hold; 0 for the table's default
 */
public record Vif(int index, String name, long mac, int ipv4, int vrf, int flags, int mtu, int maxFlows,
                  int networkAcl, int[] ingressAcls, int[] egressAcls) {

    /** Flows are set up and policy evaluated for this interface (TF VIF_FLAG_POLICY_ENABLED). */
    public static final int FLAG_POLICY = 0x1;
    /** DHCP requests from the VM are trapped to the agent (TF VIF_FLAG_DHCP_ENABLED). */
    public static final int FLAG_DHCP_TRAP = 0x2;
    public static final int KNOWN_FLAGS = FLAG_POLICY | FLAG_DHCP_TRAP;

    public Vif {
        ingressAcls = ingressAcls.clone();
        egressAcls = egressAcls.clone();
    }

    public boolean policyEnabled() {
        return (flags & FLAG_POLICY) != 0;
    }

    public boolean dhcpTrap() {
        return (flags & FLAG_DHCP_TRAP) != 0;
    }

    @Override
    public int[] ingressAcls() {
        return ingressAcls.clone();
    }

    @Override
    public int[] egressAcls() {
        return egressAcls.clone();
    }

    public int ingressAclCount() {
        return ingressAcls.length;
    }

    public int ingressAcl(int i) {
        return ingressAcls[i];
    }

    public int egressAclCount() {
        return egressAcls.length;
    }

    public int egressAcl(int i) {
        return egressAcls[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vif v && v.index == index && v.name.equals(name) && v.mac == mac && v.ipv4 == ipv4
                && v.vrf == vrf && v.flags == flags && v.mtu == mtu && v.maxFlows == maxFlows
                && v.networkAcl == networkAcl && Arrays.equals(v.ingressAcls, ingressAcls)
                && Arrays.equals(v.egressAcls, egressAcls);
    }

    @Override
    public int hashCode() {
        return index * 31 + name.hashCode();
    }

    @Override
    public String toString() {
        return "Vif[" + index + " " + name + " vrf=" + vrf + " flags=" + flags + "]";
    }
}
