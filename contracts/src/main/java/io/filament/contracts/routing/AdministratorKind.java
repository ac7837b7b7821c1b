package io.filament.contracts.routing;

/**
 * The three layouts shared by route targets (RFC 4360 §4, RFC 5668) and route distinguishers (RFC 4364
 * §4.2): who administers the value, and how its six value bytes split between that administrator and the
 * number it assigned.
 *
 * <pre>
 *   kind           code  administrator           assigned number
 *   TWO_BYTE_AS    0     2-byte AS number        4 bytes (0..4294967295)
 *   IPV4_ADDRESS   1     IPv4 address, 4 bytes   2 bytes (0..65535)
 *   FOUR_BYTE_AS   2     4-byte AS number        2 bytes (0..65535)
 * </pre>
 *
 * The code is the high-order type octet of a route-target extended community and the type field of a
 * route distinguisher.
 */
public enum AdministratorKind {
    TWO_BYTE_AS(0, 2, 0xFFFFL, 0xFFFF_FFFFL),
    IPV4_ADDRESS(1, 4, 0xFFFF_FFFFL, 0xFFFFL),
    FOUR_BYTE_AS(2, 4, 0xFFFF_FFFFL, 0xFFFFL);

    private final int code;
    private final int administratorBytes;
    private final long maxAdministrator;
    private final long maxAssignedNumber;

    AdministratorKind(int code, int administratorBytes, long maxAdministrator, long maxAssignedNumber) {
        this.code = code;
        this.administratorBytes = administratorBytes;
        this.maxAdministrator = maxAdministrator;
        this.maxAssignedNumber = maxAssignedNumber;
    }

    /** The type code on the wire: 0, 1 or 2. */
    public int code() {
        return code;
    }

    public long maxAdministrator() {
        return maxAdministrator;
    }

    public long maxAssignedNumber() {
        return maxAssignedNumber;
    }

    /** Whether the administrator is an AS number (as opposed to an IPv4 address). */
    public boolean isAsNumber() {
        return this != IPV4_ADDRESS;
    }

    /** The kind with this wire code, if any. */
    static AdministratorKind ofCode(int code) {
        for (AdministratorKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        return null;
    }

    /** Packs administrator and number into the 6 value bytes, as the low 48 bits of a long. */
    long pack(long administrator, long assignedNumber) {
        return (administrator << (8 * (6 - administratorBytes))) | assignedNumber;
    }

    long administratorOf(long packed) {
        return packed >>> (8 * (6 - administratorBytes));
    }

    long assignedNumberOf(long packed) {
        return packed & maxAssignedNumber;
    }
}
