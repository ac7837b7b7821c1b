package io.filament.agent.config;

import io.filament.contracts.InvalidValueException;
import io.filament.contracts.net.IpAddress;

/** Checks that configured endpoints are literal IPv4 addresses: the agent never resolves names. */
final class FabricAddresses {

    private FabricAddresses() {
    }

    static IpAddress requireIpv4(String property, String text) {
        try {
            IpAddress address = IpAddress.parse(text);
            if (!address.isIpv4()) {
                throw new InvalidAgentPropertyException(property, text, "must be an IPv4 address");
            }
            return address;
        } catch (InvalidValueException e) {
            throw new InvalidAgentPropertyException(property, text, "is not an IPv4 address");
        }
    }
}
