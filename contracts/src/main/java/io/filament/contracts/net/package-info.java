/**
 * IP and Ethernet addressing: {@link io.filament.contracts.net.IpAddress}, {@link io.filament.contracts.net.IpPrefix}
 * and {@link io.filament.contracts.net.MacAddress}. Parsing is strict, never consults DNS, and fails with
 * {@link io.filament.contracts.InvalidValueException}; every value has exactly one canonical text form, which is
 * also its JSON form.
 */
package io.filament.contracts.net;
