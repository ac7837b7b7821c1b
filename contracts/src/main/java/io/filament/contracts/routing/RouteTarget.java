package io.filament.contracts.routing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.filament.contracts.InvalidValueException;
import io.filament.contracts.net.IpAddress;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A BGP route target, the extended community that decides which VRFs import a route.
 *
 * <p>Text as Tungsten Fabric writes it (the {@code route-target} object's name, {@code route_target_list}):
 * {@code target:64512:8000001} (2-byte AS), {@code target:10.1.1.1:4660} (IPv4),
 * {@code target:4200000000:7} or {@code target:64512L:7} (4-byte AS; see {@link AdministratorKind}).
 * The JSON form is the text. The AS number must not be 0 (RFC 7607; TF rejects it too).
 *
 * <p>Wire form, 8 bytes (RFC 4360 §3–4, RFC 5668 §2):
 * <pre>
 *    0        1        2                                     7
 *   +--------+--------+--------------------------------------+
 *   |  type  | subtype|  administrator  |  assigned number   |
 *   | 00/01/02| 0x02  |   2 or 4 bytes  |   4 or 2 bytes     |
 *   +--------+--------+--------------------------------------+
 * </pre>
 * Type 0x00 is 2-byte-AS specific, 0x01 IPv4-address specific, 0x02 4-byte-AS specific; all transitive.
 * Subtype 0x02 is "route target".
 *
 * @param kind           the layout
 * @param administrator  the AS number, or the IPv4 address as an unsigned 32-bit value
 * @param assignedNumber the number the administrator assigned
 */
public record RouteTarget(AdministratorKind kind, long administrator, long assignedNumber)
        implements Comparable<RouteTarget> {

    static final String FIELD = "route_target";
    static final String PREFIX = "target:";
    /** Wire length in bytes. */
    public static final int WIRE_LENGTH = 8;
    /** Extended-community subtype of a route target (RFC 4360 §4). */
    public static final int SUBTYPE = 0x02;

    /**
     * First number Tungsten Fabric's schema transformer allocates for a VN's own 2-byte-AS route target
     * ({@code target:64512:8000001}); numbers below are left to users' {@code route_target_list}.
     */
    public static final long TF_SYSTEM_FIRST_TWO_BYTE_AS = 8_000_000L;
    /** End (exclusive) of TF's system range for 2-byte-AS route targets: 2^24. */
    public static final long TF_SYSTEM_END_TWO_BYTE_AS = 1L << 24;
    /** First number TF allocates when the AS number needs four bytes (2-byte assigned number). */
    public static final long TF_SYSTEM_FIRST_FOUR_BYTE_AS = 8_000L;
    /** End (exclusive) of TF's system range for 4-byte-AS route targets: 2^15. */
    public static final long TF_SYSTEM_END_FOUR_BYTE_AS = 1L << 15;

    public RouteTarget {
        Objects.requireNonNull(kind, "kind");
        Optional<String> problem = AdministeredValue.rangeProblem(kind, administrator, assignedNumber);
        if (problem.isEmpty() && kind.isAsNumber() && administrator == 0) {
            problem = Optional.of("AS number 0 is reserved");
        }
        if (problem.isPresent()) {
            throw new InvalidValueException(FIELD, PREFIX + AdministeredValue.display(kind, administrator, assignedNumber),
                    problem.get());
        }
    }

    /**
     * Reads {@code target:<administrator>:<number>}.
     *
     * @throws InvalidValueException naming {@code route_target} and the text when the prefix, the
     *     administrator or the number is malformed or out of range
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static RouteTarget parse(String text) {
        if (text == null) {
            throw new InvalidValueException(FIELD, null, "value is required");
        }
        if (!text.startsWith(PREFIX)) {
            throw new InvalidValueException(FIELD, text, "must start with \"" + PREFIX + "\"");
        }
        AdministeredValue value = AdministeredValue.parse(FIELD, text, text.substring(PREFIX.length()));
        if (value.kind().isAsNumber() && value.administrator() == 0) {
            throw new InvalidValueException(FIELD, text, "AS number 0 is reserved");
        }
        return new RouteTarget(value.kind(), value.administrator(), value.assignedNumber());
    }

    /** The route target of an AS: 2-byte form when the AS number fits in two bytes, else 4-byte form. */
    public static RouteTarget of(AsNumber asNumber, long assignedNumber) {
        AdministratorKind kind = asNumber.isTwoByte() ? AdministratorKind.TWO_BYTE_AS : AdministratorKind.FOUR_BYTE_AS;
        return new RouteTarget(kind, asNumber.value(), assignedNumber);
    }

    /** The IPv4-address-specific route target {@code target:<address>:<number>}. */
    public static RouteTarget of(IpAddress ipv4, int assignedNumber) {
        return new RouteTarget(AdministratorKind.IPV4_ADDRESS, ipv4.ipv4Value(), assignedNumber);
    }

    /**
     * Reads the 8-byte extended community.
     *
     * @throws InvalidValueException when the length is not 8, the type is not 0x00/0x01/0x02, the
     *     subtype is not 0x02, or the AS number is 0
     */
    public static RouteTarget fromBytes(byte[] bytes) {
        if (bytes == null) {
            throw new InvalidValueException(FIELD, null, "value is required");
        }
        if (bytes.length != WIRE_LENGTH) {
            throw new InvalidValueException(FIELD, HexFormat.of().formatHex(bytes),
                    "expected " + WIRE_LENGTH + " bytes, got " + bytes.length);
        }
        return fromLong(WireLong.read(bytes));
    }

    /** Reads the extended community held as a big-endian 64-bit value (as BGP code often keys them). */
    public static RouteTarget fromLong(long community) {
        int type = (int) (community >>> 56) & 0xFF;
        int subtype = (int) (community >>> 48) & 0xFF;
        AdministratorKind kind = AdministratorKind.ofCode(type);
        if (kind == null || subtype != SUBTYPE) {
            throw new InvalidValueException(FIELD, HexFormat.of().toHexDigits(community),
                    String.format("type 0x%02x subtype 0x%02x is not a route target", type, subtype));
        }
        long packed = community & 0xFFFF_FFFF_FFFFL;
        return new RouteTarget(kind, kind.administratorOf(packed), kind.assignedNumberOf(packed));
    }

    /** The 8-byte extended community. */
    public byte[] toBytes() {
        return WireLong.write(toLong());
    }

    /** The extended community as a big-endian 64-bit value. */
    public long toLong() {
        return ((long) kind.code() << 56) | ((long) SUBTYPE << 48) | kind.pack(administrator, assignedNumber);
    }

    /** The administrator as an AS number, for the two AS kinds. */
    public Optional<AsNumber> asNumber() {
        return kind.isAsNumber() ? Optional.of(new AsNumber(administrator)) : Optional.empty();
    }

    /** The administrator as an IPv4 address, for the IPv4 kind. */
    public Optional<IpAddress> ipv4Administrator() {
        return kind.isAsNumber() ? Optional.empty() : Optional.of(IpAddress.ipv4(administrator));
    }

    /**
     * Whether the assigned number lies in the range TF reserves for route targets it allocates itself (one
     * per routing instance), as opposed to those users configure. IPv4-specific targets are never allocated.
     */
    public boolean isInSystemRange() {
        return switch (kind) {
            case TWO_BYTE_AS -> assignedNumber >= TF_SYSTEM_FIRST_TWO_BYTE_AS && assignedNumber < TF_SYSTEM_END_TWO_BYTE_AS;
            case FOUR_BYTE_AS -> assignedNumber >= TF_SYSTEM_FIRST_FOUR_BYTE_AS && assignedNumber < TF_SYSTEM_END_FOUR_BYTE_AS;
            case IPV4_ADDRESS -> false;
        };
    }

    @JsonValue
    @Override
    public String toString() {
        return PREFIX + new AdministeredValue(kind, administrator, assignedNumber).format();
    }

    /** Orders as the wire bytes do (type, then administrator, then number). */
    @Override
    public int compareTo(RouteTarget other) {
        return Long.compareUnsigned(toLong(), other.toLong());
    }
}
