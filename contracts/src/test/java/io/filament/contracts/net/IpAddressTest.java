package io.filament.contracts.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filament.contracts.InvalidValueException;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

    @Test
    void readsDottedQuadIntoItsNumericValue() {
        IpAddress address = IpAddress.parse("10.1.2.3");

        assertThat(address.family()).isEqualTo(IpFamily.IPV4);
        assertThat(address.ipv4Value()).isEqualTo(0x0A010203L);
        assertThat(address.toBytes()).containsExactly(10, 1, 2, 3);
        assertThat(address).hasToString("10.1.2.3");
    }

    @ParameterizedTest
    @CsvSource({
        "2001:db8::1,                               2001:db8::1",
        "2001:0DB8:0000:0000:0000:0000:0000:0001,   2001:db8::1",
        "2001:db8:0:0:1:0:0:1,                      2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1,                      2001:db8:0:1:1:1:1:1",
        "2001:0:0:1:0:0:0:1,                        2001:0:0:1::1",
        "::,                                        ::",
        "::1,                                       ::1",
        "1::,                                       1::",
        "0:0:0:0:0:0:0:0,                           ::",
        "fe80::1:2,                                 fe80::1:2",
        "::ffff:10.0.0.1,                           ::ffff:10.0.0.1",
        "::ffff:a00:1,                              ::ffff:10.0.0.1",
        "64:ff9b::192.0.2.33,                       64:ff9b::c000:221",
        "1:2:3:4:5:6:1.2.3.4,                       1:2:3:4:5:6:102:304",
    })
    void writesIpv6InTheRfc5952CanonicalForm(String input, String canonical) {
        assertThat(IpAddress.parse(input)).hasToString(canonical);
    }

    @Test
    void convertsIpv6ToAndFromSixteenBytes() {
        IpAddress address = IpAddress.parse("2001:db8::ff00:42:8329");

        byte[] bytes = address.toBytes();

        assertThat(bytes).hasSize(16);
        assertThat(bytes[0]).isEqualTo((byte) 0x20);
        assertThat(bytes[15]).isEqualTo((byte) 0x29);
        assertThat(IpAddress.fromBytes(bytes)).isEqualTo(address);
    }

    @Test
    void agreesWithTheJdkOnBytes() throws Exception {
        assertThat(IpAddress.parse("2001:db8::ff00:42:8329").toInetAddress())
                .isEqualTo(InetAddress.getByName("2001:db8::ff00:42:8329"));
        assertThat(IpAddress.of(InetAddress.getByName("192.0.2.7"))).isEqualTo(IpAddress.parse("192.0.2.7"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10.1.1                 | IPv4 address needs four dot-separated octets",
        "10.1.1.1.1             | IPv4 address has more than four octets",
        "10.1.1.256             | IPv4 octet 4 256 exceeds 255",
        "10.01.1.1              | IPv4 octet 2 \"01\" has a leading zero",
        "10..1.1                | IPv4 octet 2 is empty",
        "10.1.1.-1              | IPv4 octet 4 is not a decimal number",
        "localhost              | not an IPv4 or IPv6 address",
        "1:2:3:4:5:6:7          | IPv6 address needs 8 groups without \"::\", has 7",
        "1:2:3:4:5:6:7:8:9      | IPv6 address has more than 8 groups",
        "1::2::3                | IPv6 address has more than one \"::\"",
        "1:2:3:4::5:6:7:8       | IPv6 address has too many groups around \"::\"",
        "12345::                | IPv6 group \"12345\" must have 1 to 4 hex digits",
        "g::                    | IPv6 group \"g\" is not hexadecimal",
        ":1::                   | IPv6 group \"\" must have 1 to 4 hex digits",
        "fe80::1%eth0           | IPv6 group \"1%eth0\" must have 1 to 4 hex digits",
        "1.2.3.4::              | IPv6 group \"1.2.3.4\" must have 1 to 4 hex digits",
    })
    void rejectsMalformedTextNamingTheFieldAndTheValue(String input, String reason) {
        assertThatThrownBy(() -> IpAddress.parse(input))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid ip_address \"" + input + "\": " + reason);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 5, 15, 17})
    void rejectsByteArraysOfTheWrongLength(int length) {
        assertThatThrownBy(() -> IpAddress.fromBytes(new byte[length]))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageEndingWith("expected 4 or 16 bytes, got " + length);
    }

    @Test
    void rejectsMissingText() {
        assertThatThrownBy(() -> IpAddress.parse(null))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid ip_address (missing): value is required");
    }

    @Test
    void rejectsAnIpv4ValueWiderThan32Bits() {
        assertThatThrownBy(() -> IpAddress.ipv4(1L << 32)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void ordersIpv4BeforeIpv6AndThenNumericallyUnsigned() {
        assertThat(IpAddress.parse("10.0.0.2")).isGreaterThan(IpAddress.parse("10.0.0.1"));
        assertThat(IpAddress.parse("255.0.0.0")).isGreaterThan(IpAddress.parse("127.0.0.1"));
        assertThat(IpAddress.parse("ffff::")).isGreaterThan(IpAddress.parse("7fff::"));
        assertThat(IpAddress.parse("::")).isGreaterThan(IpAddress.parse("255.255.255.255"));
    }
}
