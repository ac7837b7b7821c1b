package io.filament.schema.routing;

/**
 * The ranges route-target numbers are allocated from; numbers below the floor are left to users. A 2-byte ASN
 * gives a type-0 target with a 4-byte local administrator, a 4-byte ASN a type-2 target with a 2-byte one.
 */
public enum NumberSpace {
    TYPE0(8_000_000, (1 << 24) - 1),
    TYPE1_2(8_000, (1 << 15) - 1);

    private final int first;
    private final int last;

    NumberSpace(int first, int last) {
        this.first = first;
        this.last = last;
    }

    public int first() {
        return first;
    }

    public int last() {
        return last;
    }

    public static NumberSpace forAsn(boolean fourByteAs) {
        return fourByteAs ? TYPE1_2 : TYPE0;
    }
}
