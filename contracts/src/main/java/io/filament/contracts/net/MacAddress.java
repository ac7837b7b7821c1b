package io.filament.contracts.net;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.filament.contracts.InvalidValueException;
import java.util.HexFormat;

/**
 * A 48-bit IEEE 802 MAC address. Text is six colon-separated pairs of hex digits; input may use upper
 * case, output is always lower case ({@code 02:00:0a:01:01:05}), as Tungsten Fabric writes
 * {@code virtual_machine_interface_mac_addresses}. The JSON form is the text.
 *
 * @param value the address in the low 48 bits, first octet most significant
 */
public record MacAddress(long value) implements Comparable<MacAddress> {

    static final String FIELD = "mac_address";
    private static final int TEXT_LENGTH = 17;

    /** {@code ff:ff:ff:ff:ff:ff}. */
    public static final MacAddress BROADCAST = new MacAddress(0xFFFF_FFFF_FFFFL);
    /** {@code 00:00:00:00:00:00}. */
    public static final MacAddress ZERO = new MacAddress(0);

    public MacAddress {
        if ((value >>> 48) != 0) {
            throw new InvalidValueException(FIELD, Long.toHexString(value), "MAC address must fit in 48 bits");
        }
    }

    /**
     * Reads {@code xx:xx:xx:xx:xx:xx} (hex digits in either case).
     *
     * @throws InvalidValueException naming {@code mac_address} and the text otherwise
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static MacAddress parse(String text) {
        if (text == null) {
            throw new InvalidValueException(FIELD, null, "value is required");
        }
        if (text.length() != TEXT_LENGTH) {
            throw new InvalidValueException(FIELD, text, "expected six colon-separated hex pairs (17 characters)");
        }
        long value = 0;
        for (int octet = 0; octet < 6; octet++) {
            int at = octet * 3;
            if (octet > 0 && text.charAt(at - 1) != ':') {
                throw new InvalidValueException(FIELD, text, "octets must be separated by ':'");
            }
            value = (value << 8) | (hexDigit(text, at) << 4) | hexDigit(text, at + 1);
        }
        return new MacAddress(value);
    }

    /**
     * Reads 6 bytes in transmission order.
     *
     * @throws InvalidValueException when the array does not have 6 bytes
     */
    public static MacAddress fromBytes(byte[] bytes) {
        if (bytes == null) {
            throw new InvalidValueException(FIELD, null, "value is required");
        }
        if (bytes.length != 6) {
            throw new InvalidValueException(FIELD, HexFormat.of().formatHex(bytes),
                    "expected 6 bytes, got " + bytes.length);
        }
        long value = 0;
        for (byte b : bytes) {
            value = (value << 8) | (b & 0xFF);
        }
        return new MacAddress(value);
    }

    /** The 6 bytes in transmission order. */
    public byte[] toBytes() {
        byte[] out = new byte[6];
        for (int i = 0; i < 6; i++) {
            out[i] = (byte) (value >>> (40 - 8 * i));
        }
        return out;
    }

    /** Group bit (I/G) set: multicast or broadcast. */
    public boolean isMulticast() {
        return (value >>> 40 & 0x01) != 0;
    }

    public boolean isBroadcast() {
        return equals(BROADCAST);
    }

    /** U/L bit set: locally administered, as the {@code 02:…} addresses Filament allocates. */
    public boolean isLocallyAdministered() {
        return (value >>> 40 & 0x02) != 0;
    }

    @JsonValue
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(TEXT_LENGTH);
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                out.append(':');
            }
            out.append(hex.toHexDigits((byte) (value >>> (40 - 8 * i))));
        }
        return out.toString();
    }

    @Override
    public int compareTo(MacAddress other) {
        return Long.compare(value, other.value);
    }

    private static long hexDigit(String text, int at) {
        char c = text.charAt(at);
        if (!HexFormat.isHexDigit(c)) {
            throw new InvalidValueException(FIELD, text, "character " + (at + 1) + " is not a hex digit");
        }
        return HexFormat.fromHexDigit(c);
    }
}
