package io.filament.contracts.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filament.contracts.InvalidValueException;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpPrefixTest {

    @Test
    void readsAnIpv4PrefixAndKnowsItsBounds() {
        IpPrefix prefix = IpPrefix.parse("10.1.1.0/24");

        assertThat(prefix.network()).isEqualTo(IpAddress.parse("10.1.1.0"));
        assertThat(prefix.length()).isEqualTo(24);
        assertThat(prefix.broadcast()).isEqualTo(IpAddress.parse("10.1.1.255"));
        assertThat(prefix.netmask()).isEqualTo(IpAddress.parse("255.255.255.0"));
        assertThat(prefix.addressCount()).isEqualTo(BigInteger.valueOf(256));
        assertThat(prefix).hasToString("10.1.1.0/24");
    }

    @ParameterizedTest
    @CsvSource({
        "0.0.0.0/0,         0.0.0.0,        255.255.255.255, 0.0.0.0",
        "10.0.0.0/8,        10.0.0.0,       10.255.255.255,  255.0.0.0",
        "192.168.4.0/22,    192.168.4.0,    192.168.7.255,   255.255.252.0",
        "172.16.5.4/31,     172.16.5.4,     172.16.5.5,      255.255.255.254",
        "172.16.5.4/32,     172.16.5.4,     172.16.5.4,      255.255.255.255",
    })
    void computesNetworkBroadcastAndMaskForIpv4(String text, String network, String broadcast, String mask) {
        IpPrefix prefix = IpPrefix.parse(text);

        assertThat(prefix.network()).hasToString(network);
        assertThat(prefix.broadcast()).hasToString(broadcast);
        assertThat(prefix.netmask()).hasToString(mask);
    }

    @ParameterizedTest
    @CsvSource({
        "::/0,                ::,             ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
        "2001:db8::/32,       2001:db8::,     2001:db8:ffff:ffff:ffff:ffff:ffff:ffff",
        "2001:db8:0:1::/64,   2001:db8:0:1::, 2001:db8:0:1:ffff:ffff:ffff:ffff",
        "2001:db8::8:0/109,   2001:db8::8:0,  2001:db8::f:ffff",
        "2001:db8::1/128,     2001:db8::1,    2001:db8::1",
    })
    void computesTheRangeOfIpv6Prefixes(String text, String network, String last) {
        IpPrefix prefix = IpPrefix.parse(text);

        assertThat(prefix.network()).hasToString(network);
        assertThat(prefix.lastAddress()).hasToString(last);
        assertThat(prefix).hasToString(text);
    }

    @Test
    void rejectsHostBitsNamingTheNetworkInstead() {
        assertThatThrownBy(() -> IpPrefix.parse("10.1.1.5/24"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid ip_prefix \"10.1.1.5/24\": host bits are set; the network is 10.1.1.0/24");
        assertThatThrownBy(() -> IpPrefix.parse("2001:db8::1/64"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid ip_prefix \"2001:db8::1/64\": host bits are set; the network is 2001:db8::/64");
        assertThatThrownBy(() -> IpPrefix.of(IpAddress.parse("10.1.1.5"), 24))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid ip_prefix \"10.1.1.5/24\": host bits are set; the network is 10.1.1.0/24");
    }

    @Test
    void coveringClearsHostBitsOnRequest() {
        assertThat(IpPrefix.covering(IpAddress.parse("10.1.1.5"), 24)).isEqualTo(IpPrefix.parse("10.1.1.0/24"));
        assertThat(IpPrefix.covering(IpAddress.parse("2001:db8::1"), 0)).isEqualTo(IpPrefix.parse("::/0"));
        assertThat(IpPrefix.host(IpAddress.parse("2001:db8::1"))).hasToString("2001:db8::1/128");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10.1.1.0/33    | prefix length 33 exceeds 32",
        "2001:db8::/129 | prefix length 129 exceeds 128",
        "10.1.1.0       | missing \"/<prefix length>\"",
        "10.1.1.0/      | prefix length is empty",
        "10.1.1.0/024   | prefix length \"024\" has a leading zero",
        "10.1.1.0/+24   | prefix length is not a decimal number",
        "10.1.1.0/24/8  | prefix length is not a decimal number",
        "10.1.1/24      | IPv4 address needs four dot-separated octets",
        "/24            | not an IPv4 or IPv6 address",
    })
    void rejectsMalformedPrefixesNamingTheFieldAndTheValue(String input, String reason) {
        assertThatThrownBy(() -> IpPrefix.parse(input))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid ip_prefix \"" + input + "\": " + reason);
    }

    @Test
    void containsAddressesInsideItsRangeOnly() {
        IpPrefix prefix = IpPrefix.parse("192.168.4.0/22");

        assertThat(prefix.contains(IpAddress.parse("192.168.4.0"))).isTrue();
        assertThat(prefix.contains(IpAddress.parse("192.168.7.255"))).isTrue();
        assertThat(prefix.contains(IpAddress.parse("192.168.8.0"))).isFalse();
        assertThat(prefix.contains(IpAddress.parse("192.168.3.255"))).isFalse();
        assertThat(prefix.contains(IpAddress.parse("::ffff:192.168.4.1"))).isFalse();
        assertThat(IpPrefix.parse("::/0").contains(IpAddress.parse("10.0.0.1"))).isFalse();
    }

    @Test
    void containsNarrowerPrefixesAndItselfButNotWiderOnes() {
        IpPrefix wide = IpPrefix.parse("2001:db8::/32");

        assertThat(wide.contains(IpPrefix.parse("2001:db8:1::/48"))).isTrue();
        assertThat(wide.contains(wide)).isTrue();
        assertThat(wide.contains(IpPrefix.parse("2001::/16"))).isFalse();
        assertThat(wide.contains(IpPrefix.parse("2001:db9::/48"))).isFalse();
    }

    @Test
    void countsOffAddressesFromTheNetwork() {
        IpPrefix prefix = IpPrefix.parse("10.1.1.0/24");

        assertThat(prefix.addressAt(0)).hasToString("10.1.1.0");
        assertThat(prefix.addressAt(1)).hasToString("10.1.1.1");
        assertThat(prefix.addressAt(255)).hasToString("10.1.1.255");
        assertThat(IpPrefix.parse("2001:db8::/64").addressAt(Long.MAX_VALUE)).hasToString("2001:db8::7fff:ffff:ffff:ffff");
        assertThatThrownBy(() -> prefix.addressAt(256))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid offset \"256\": outside 10.1.1.0/24 (256 addresses)");
        assertThatThrownBy(() -> prefix.addressAt(-1)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void refusesABroadcastAddressForIpv6() {
        assertThatThrownBy(() -> IpPrefix.parse("2001:db8::/64").broadcast())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no broadcast");
    }

    @Test
    void ordersByNetworkThenLength() {
        assertThat(IpPrefix.parse("10.0.0.0/8")).isLessThan(IpPrefix.parse("10.0.0.0/16"));
        assertThat(IpPrefix.parse("10.0.0.0/16")).isLessThan(IpPrefix.parse("10.1.0.0/16"));
    }
}
