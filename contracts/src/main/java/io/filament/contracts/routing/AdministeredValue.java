package io.filament.contracts.routing;

import io.filament.contracts.InvalidValueException;
import io.filament.contracts.UnsignedDecimal;
import io.filament.contracts.net.IpAddress;
import java.util.Optional;

/**
 * The {@code <administrator>:<assigned number>} text shared by route targets and route distinguishers,
 * in Tungsten Fabric's spelling: {@code 64512:8000001} (2-byte AS), {@code 10.1.1.1:4660} (IPv4),
 * {@code 4200000000:7} (4-byte AS), and {@code 64512L:7} for a 4-byte-AS value whose AS number would also
 * fit in two bytes (the {@code L} keeps the text unambiguous, so text and wire forms convert both ways). A
 * redundant {@code L} on a larger AS number is accepted, as TF accepts it, and left out on output.
 */
record AdministeredValue(AdministratorKind kind, long administrator, long assignedNumber) {

    /** Reads the administrator:number part {@code text} of the value {@code whole}. */
    static AdministeredValue parse(String field, String whole, String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new InvalidValueException(field, whole, "expected <administrator>:<number>");
        }
        String admin = text.substring(0, colon);
        String number = text.substring(colon + 1);
        if (admin.indexOf('.') >= 0) {
            long address = ipv4(field, whole, admin);
            return checked(field, whole, AdministratorKind.IPV4_ADDRESS, address, number);
        }
        boolean forcedFourByte = admin.endsWith("L");
        String digits = forcedFourByte ? admin.substring(0, admin.length() - 1) : admin;
        long asn = UnsignedDecimal.parse(field, whole, digits, "AS number", AsNumber.MAX_FOUR_BYTE);
        AdministratorKind kind = forcedFourByte || asn > AsNumber.MAX_TWO_BYTE
                ? AdministratorKind.FOUR_BYTE_AS : AdministratorKind.TWO_BYTE_AS;
        return checked(field, whole, kind, asn, number);
    }

    private static AdministeredValue checked(String field, String whole, AdministratorKind kind, long admin,
            String number) {
        long assigned = UnsignedDecimal.parse(field, whole, number, "assigned number", kind.maxAssignedNumber());
        return new AdministeredValue(kind, admin, assigned);
    }

    private static long ipv4(String field, String whole, String text) {
        IpAddress address;
        try {
            address = IpAddress.parse(text);
        } catch (InvalidValueException e) {
            InvalidValueException wrapped = new InvalidValueException(field, whole, e.reason());
            wrapped.initCause(e);
            throw wrapped;
        }
        return address.ipv4Value();
    }

    /** Why this combination does not fit its kind's field widths; empty when it fits. */
    static Optional<String> rangeProblem(AdministratorKind kind, long administrator, long assignedNumber) {
        if (administrator < 0 || administrator > kind.maxAdministrator()) {
            return Optional.of("administrator " + administrator + " is outside 0.." + kind.maxAdministrator());
        }
        if (assignedNumber < 0 || assignedNumber > kind.maxAssignedNumber()) {
            return Optional.of("assigned number " + assignedNumber + " is outside 0.." + kind.maxAssignedNumber());
        }
        return Optional.empty();
    }

    String format() {
        return switch (kind) {
            case TWO_BYTE_AS -> administrator + ":" + assignedNumber;
            case IPV4_ADDRESS -> IpAddress.ipv4(administrator) + ":" + assignedNumber;
            case FOUR_BYTE_AS -> administrator + (administrator > AsNumber.MAX_TWO_BYTE ? "" : "L") + ":"
                    + assignedNumber;
        };
    }

    /** Text for a possibly invalid combination, for error messages only. */
    static String display(AdministratorKind kind, long administrator, long assignedNumber) {
        if (kind == AdministratorKind.IPV4_ADDRESS && administrator >= 0 && administrator <= 0xFFFF_FFFFL) {
            return IpAddress.ipv4(administrator) + ":" + assignedNumber;
        }
        return administrator + (kind == AdministratorKind.FOUR_BYTE_AS ? "L" : "") + ":" + assignedNumber;
    }
}
