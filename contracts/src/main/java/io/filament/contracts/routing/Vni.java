package io.filament.contracts.routing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.filament.contracts.InvalidValueException;
import io.filament.contracts.UnsignedDecimal;

/**
 * A VXLAN network identifier: the 24-bit field of the VXLAN header (RFC 7348 §5). VNIs are global per
 * virtual network in Tungsten Fabric ({@code vxlan_network_identifier}, or the system-allocated
 * {@code virtual_network_network_id}). Text is decimal; the JSON form is a number, as in TF's config.
 *
 * @param value 0–16777215
 */
public record Vni(int value) implements Comparable<Vni> {

    static final String FIELD = "vni";

    /** Largest value of the 24-bit field. */
    public static final int MAX = 0xFF_FFFF;
    /**
     * Smallest VNI Tungsten Fabric accepts in configuration ({@code vxlan_network_identifier} and
     * {@code virtual_network_network_id} are 1..16777215): 0 means "not set" there, so it never names a
     * network, although the header field can carry it.
     */
    public static final int MIN_CONFIGURABLE = 1;

    public Vni {
        if (value < 0 || value > MAX) {
            throw new InvalidValueException(FIELD, Integer.toString(value), "VNI is outside 0.." + MAX);
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Vni of(int value) {
        return new Vni(value);
    }

    /**
     * Reads a decimal VNI.
     *
     * @throws InvalidValueException naming {@code vni} and the text when it is not a number in 0..16777215
     */
    public static Vni parse(String text) {
        if (text == null) {
            throw new InvalidValueException(FIELD, null, "value is required");
        }
        return new Vni((int) UnsignedDecimal.parse(FIELD, text, text, "VNI", MAX));
    }

    /** Whether TF would accept this VNI for a network (1..16777215). */
    public boolean isConfigurable() {
        return value >= MIN_CONFIGURABLE;
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
    public int compareTo(Vni other) {
        return Integer.compare(value, other.value);
    }
}
