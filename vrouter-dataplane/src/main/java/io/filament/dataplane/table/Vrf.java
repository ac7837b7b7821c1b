package io.filament.dataplane.table;

/** A routing instance's forwarding state: one IPv4 and one IPv6 longest-prefix-match table. */
public final class Vrf {

    private final int id;
    private final MultibitTrie inet = new MultibitTrie(32);
    private final MultibitTrie inet6 = new MultibitTrie(128);

    Vrf(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    public MultibitTrie inet() {
        return inet;
    }

    public MultibitTrie inet6() {
        return inet6;
    }

    public int routeCount() {
        return inet.size() + inet6.size();
    }

    /** Next hop id for an IPv4 destination, or {@link MultibitTrie#MISS}. */
    public int lookup4(int address) {
        return inet.lookup(((long) address) << 32, 0);
    }

    public int lookup6(long high, long low) {
        return inet6.lookup(high, low);
    }
}
