package io.filament.configapi.ipam;

/** An inclusive range of addresses, TF's allocation pool {@code {start, end}}. */
public record AddressRange(IpAddress start, IpAddress end) {

    public AddressRange {
        if (start.bits() != end.bits() || start.compareTo(end) > 0) {
            throw new IllegalArgumentException("range " + start + " - " + end + " is empty or mixes families");
        }
    }

    public boolean contains(IpAddress address) {
        return address.bits() == start.bits() && address.compareTo(start) >= 0 && address.compareTo(end) <= 0;
    }
}
