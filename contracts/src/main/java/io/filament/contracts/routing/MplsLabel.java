package io.filament.contracts.routing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.filament.contracts.InvalidValueException;
import io.filament.contracts.UnsignedDecimal;

/**
 * An MPLS label: the 20-bit field of a label stack entry (RFC 3032 §2.1). In Tungsten Fabric labels are
 * local to one vRouter: the agent allocates them for its interfaces and VRFs and publishes them with its
 * routes, and remote vRouters put them into MPLS-over-UDP/GRE packets towards it. Text is decimal; the
 * JSON form is a number.
 *
 * @param value 0–1048575
 */
public record MplsLabel(int value) implements Comparable<MplsLabel> {

    static final String FIELD = "mpls_label";

    /** Largest value of the 20-bit field. */
    public static final int MAX = 0xF_FFFF;
    /** Labels 0–15 are reserved for special purposes (RFC 3032 §2.1, RFC 7274) and never name a next hop. */
    public static final int MAX_RESERVED = 15;
    /** The first label an agent hands out: TF's agent allocates upwards from 16, the first unreserved label. */
    public static final int FIRST_ALLOCATABLE = 16;
    /**
     * Size of the vRouter's label table by default ({@code vr_mpls_labels}): labels from
     * {@link #FIRST_ALLOCATABLE} up to one below this number are usable unless the table is resized.
     * TF sizes it as 2 × interfaces + 4 × VRFs and keeps the top of the range for multicast.
     */
    public static final int TF_DEFAULT_TABLE_SIZE = 5120;
    /**
     * Labels kept for unicast at the bottom of the table before multicast ranges start: TF splits the top of
     * the label space into per-control-node multicast ranges but always leaves at least 4096 for unicast.
     */
    public static final int TF_MIN_UNICAST_LABELS = 4096;
    /** IPv4 Explicit NULL (RFC 3032). */
    public static final MplsLabel IPV4_EXPLICIT_NULL = new MplsLabel(0);
    /** Router Alert (RFC 3032). */
    public static final MplsLabel ROUTER_ALERT = new MplsLabel(1);
    /** IPv6 Explicit NULL (RFC 3032). */
    public static final MplsLabel IPV6_EXPLICIT_NULL = new MplsLabel(2);
    /** Implicit NULL (RFC 3032): signalled, never sent in a packet. */
    public static final MplsLabel IMPLICIT_NULL = new MplsLabel(3);

    public MplsLabel {
        if (value < 0 || value > MAX) {
            throw new InvalidValueException(FIELD, Integer.toString(value), "MPLS label is outside 0.." + MAX);
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static MplsLabel of(int value) {
        return new MplsLabel(value);
    }

    /**
     * Reads a decimal label.
     *
     * @throws InvalidValueException naming {@code mpls_label} and the text when it is not a number in
     *     0..1048575
     */
    public static MplsLabel parse(String text) {
        if (text == null) {
            throw new InvalidValueException(FIELD, null, "value is required");
        }
        return new MplsLabel((int) UnsignedDecimal.parse(FIELD, text, text, "MPLS label", MAX));
    }

    /** Whether this is one of the special-purpose labels 0–15. */
    public boolean isReserved() {
        return value <= MAX_RESERVED;
    }

    @JsonValue
    @Override
    public int value() {
        return value;
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }

    @Override
    public int compareTo(MplsLabel other) {
        return Integer.compare(value, other.value);
    }
}
