package io.filament.dataplane.io.tap;

/**
 * The kernel refused to place a TAP (or the namespace could not be opened). The message names the device, the
 * namespace and the new name as far as they apply, then the reason, e.g. {@code tap-x -> ns vm1 as eth0: File
 * exists}; {@link #field()} says which part of the request was at fault.
 */
public final class LinkPlacementException extends RuntimeException {

    private final String field;
    private final String value;
    private final int errno;

    public LinkPlacementException(PortPlacement placement, String device, String field, int errno, String reason) {
        super(describe(placement, device) + ": " + reason);
        this.field = field;
        this.value = field.equals("interface.namespace") ? placement.namespace() : device;
        this.errno = errno;
    }

    /** {@code interface.namespace} when the namespace could not be opened, else {@code interface}. */
    public String field() {
        return field;
    }

    /** The namespace when that was at fault, else the device's name. */
    public String value() {
        return value;
    }

    /** The errno behind the refusal, 0 when there was none. */
    public int errno() {
        return errno;
    }

    private static String describe(PortPlacement placement, String device) {
        StringBuilder s = new StringBuilder(device);
        if (!placement.namespace().isEmpty()) {
            s.append(" -> ns ").append(placement.namespace());
            if (!placement.renameTo().isEmpty() && !placement.renameTo().equals(device)) {
                s.append(" as ").append(placement.renameTo());
            }
        }
        return s.toString();
    }
}
