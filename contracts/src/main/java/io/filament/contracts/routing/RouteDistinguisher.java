package io.filament.contracts.routing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.filament.contracts.InvalidValueException;
import io.filament.contracts.net.IpAddress;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A route distinguisher (RFC 4364 §4.2), which makes VPN prefixes of different VRFs distinct. Tungsten
 * Fabric's agents and control nodes use type 1, {@code <router IPv4>:<VRF index>}.
 *
 * <p>Text: {@code 64512:1} (type 0), {@code 10.1.1.1:4660} (type 1), {@code 4200000000:7} or
 * {@code 64512L:7} (type 2; see {@link AdministratorKind}). The JSON form is the text. An AS number of 0
 * is allowed only in the all-zero distinguisher {@code 0:0}.
 *
 * <p>Wire form, 8 bytes:
 * <pre>
 *    0      1      2                                       7
 *   +------+------+----------------------------------------+
 *   |    type     |  administrator  |  assigned number     |
 *   |  0, 1 or 2  |   2 or 4 bytes  |  4 or 2 bytes        |
 *   +------+------+----------------------------------------+
 * </pre>
 *
 * @param kind           the layout (type 0, 1 or 2)
 * @param administrator  the AS number, or the IPv4 address as an unsigned 32-bit value
 * @param assignedNumber the number the administrator assigned
 */
public record RouteDistinguisher(AdministratorKind kind, long administrator, long assignedNumber)
        implements Comparable<RouteDistinguisher> {

    static final String FIELD = "route_distinguisher";
    /** Wire length in bytes. */
    public static final int WIRE_LENGTH = 8;
    /** The all-zero distinguisher {@code 0:0}. */
    public static final RouteDistinguisher ZERO = new RouteDistinguisher(AdministratorKind.TWO_BYTE_AS, 0, 0);

    public RouteDistinguisher {
        Objects.requireNonNull(kind, "kind");
        Optional<String> problem = AdministeredValue.rangeProblem(kind, administrator, assignedNumber);
        if (problem.isEmpty() && kind.isAsNumber() && administrator == 0 && assignedNumber != 0) {
            problem = Optional.of("AS number 0 is allowed only with assigned number 0");
        }
        if (problem.isPresent()) {
            throw new InvalidValueException(FIELD, AdministeredValue.display(kind, administrator, assignedNumber),
                    problem.get());
        }
    }

    /**
     * Reads {@code <administrator>:<number>}.
     *
     * @throws InvalidValueException naming {@code route_distinguisher} and the text when malformed or out
     *     of range
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static RouteDistinguisher parse(String text) {
        if (text == null) {
            throw new InvalidValueException(FIELD, null, "value is required");
        }
        AdministeredValue value = AdministeredValue.parse(FIELD, text, text);
        if (value.kind().isAsNumber() && value.administrator() == 0 && value.assignedNumber() != 0) {
            throw new InvalidValueException(FIELD, text, "AS number 0 is allowed only with assigned number 0");
        }
        return new RouteDistinguisher(value.kind(), value.administrator(), value.assignedNumber());
    }

    /** The type 1 distinguisher {@code <address>:<number>}, e.g. a vRouter's IP and a VRF index. */
    public static RouteDistinguisher of(IpAddress ipv4, int assignedNumber) {
        return new RouteDistinguisher(AdministratorKind.IPV4_ADDRESS, ipv4.ipv4Value(), assignedNumber);
    }

    /** The AS-based distinguisher: type 0 when the AS number fits in two bytes, else type 2. */
    public static RouteDistinguisher of(AsNumber asNumber, long assignedNumber) {
        AdministratorKind kind = asNumber.isTwoByte() ? AdministratorKind.TWO_BYTE_AS : AdministratorKind.FOUR_BYTE_AS;
        return new RouteDistinguisher(kind, asNumber.value(), assignedNumber);
    }

    /**
     * Reads the 8 wire bytes.
     *
     * @throws InvalidValueException when the length is not 8 or the type is not 0, 1 or 2
     */
    public static RouteDistinguisher fromBytes(byte[] bytes) {
        if (bytes == null) {
            throw new InvalidValueException(FIELD, null, "value is required");
        }
        if (bytes.length != WIRE_LENGTH) {
            throw new InvalidValueException(FIELD, HexFormat.of().formatHex(bytes),
                    "expected " + WIRE_LENGTH + " bytes, got " + bytes.length);
        }
        long wire = WireLong.read(bytes);
        int type = (int) (wire >>> 48);
        AdministratorKind kind = AdministratorKind.ofCode(type);
        if (kind == null) {
            throw new InvalidValueException(FIELD, HexFormat.of().formatHex(bytes), "type " + type + " is not 0, 1 or 2");
        }
        long packed = wire & 0xFFFF_FFFF_FFFFL;
        return new RouteDistinguisher(kind, kind.administratorOf(packed), kind.assignedNumberOf(packed));
    }

    /** The 8 wire bytes. */
    public byte[] toBytes() {
        return WireLong.write(toLong());
    }

    /** The wire bytes as a big-endian 64-bit value. */
    public long toLong() {
        return ((long) kind.code() << 48) | kind.pack(administrator, assignedNumber);
    }

    /** The RFC 4364 type: 0, 1 or 2. */
    public int type() {
        return kind.code();
    }

    @JsonValue
    @Override
    public String toString() {
        return new AdministeredValue(kind, administrator, assignedNumber).format();
    }

    /** Orders as the wire bytes do. */
    @Override
    public int compareTo(RouteDistinguisher other) {
        return Long.compareUnsigned(toLong(), other.toLong());
    }
}
