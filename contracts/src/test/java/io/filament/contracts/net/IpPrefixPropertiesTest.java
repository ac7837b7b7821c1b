package io.filament.contracts.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.filament.contracts.InvalidValueException;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class IpPrefixPropertiesTest {

    @Property
    void textRoundTripsForEveryPrefix(@ForAll("prefixes") IpPrefix prefix) {
        assertThat(IpPrefix.parse(prefix.toString())).isEqualTo(prefix);
    }

    @Property
    void aPrefixContainsItsFirstAndLastAddressAndItself(@ForAll("prefixes") IpPrefix prefix) {
        assertThat(prefix.contains(prefix.network())).isTrue();
        assertThat(prefix.contains(prefix.lastAddress())).isTrue();
        assertThat(prefix.contains(prefix)).isTrue();
        assertThat(prefix.network()).isLessThanOrEqualTo(prefix.lastAddress());
    }

    @Property
    void containmentOfAnAddressMeansTheCoveringPrefixIsThisOne(@ForAll("prefixes") IpPrefix prefix,
            @ForAll("addresses") IpAddress address) {
        boolean sameFamily = address.family() == prefix.family();
        boolean covered = sameFamily && IpPrefix.covering(address, prefix.length()).equals(prefix);

        assertThat(prefix.contains(address)).isEqualTo(covered);
        if (prefix.contains(address)) {
            assertThat(address).isBetween(prefix.network(), prefix.lastAddress());
        }
    }

    @Property
    void coveringPrefixesOfOneAddressNestByLength(@ForAll("addresses") IpAddress address,
            @ForAll("lengthPair") int[] lengths) {
        int bits = address.family().bits();
        int shorter = Math.min(lengths[0], lengths[1]) % (bits + 1);
        int longer = Math.max(lengths[0], lengths[1]) % (bits + 1);
        IpPrefix wide = IpPrefix.covering(address, Math.min(shorter, longer));
        IpPrefix narrow = IpPrefix.covering(address, Math.max(shorter, longer));

        assertThat(wide.contains(address)).isTrue();
        assertThat(narrow.contains(address)).isTrue();
        assertThat(wide.contains(narrow)).isTrue();
        assertThat(narrow.contains(wide)).isEqualTo(wide.equals(narrow));
    }

    @Property
    void prefixContainmentAgreesWithAddressRanges(@ForAll("prefixes") IpPrefix a, @ForAll("prefixes") IpPrefix b) {
        boolean byRange = a.family() == b.family()
                && a.network().compareTo(b.network()) <= 0
                && a.lastAddress().compareTo(b.lastAddress()) >= 0;

        assertThat(a.contains(b)).isEqualTo(byRange);
    }

    @Property
    void networkAndBroadcastBoundAnIpv4PrefixOfTheRightSize(@ForAll("ipv4Prefixes") IpPrefix prefix) {
        long first = prefix.network().ipv4Value();
        long last = prefix.broadcast().ipv4Value();

        assertThat(BigInteger.valueOf(last - first + 1)).isEqualTo(prefix.addressCount());
        assertThat(prefix.netmask().ipv4Value() & last).isEqualTo(first);
        assertThat(Long.bitCount(prefix.netmask().ipv4Value())).isEqualTo(prefix.length());
    }

    @Property
    void hostBitsAreRejectedNamingTheNetwork(@ForAll("addresses") IpAddress address, @ForAll("lengthPair") int[] lengths) {
        int length = lengths[0] % (address.family().bits() + 1);
        IpPrefix covering = IpPrefix.covering(address, length);
        String text = address + "/" + length;

        if (covering.network().equals(address)) {
            assertThat(IpPrefix.parse(text)).isEqualTo(covering);
        } else {
            try {
                IpPrefix.parse(text);
                throw new AssertionError("host bits accepted in " + text);
            } catch (InvalidValueException expected) {
                assertThat(expected).hasMessageEndingWith("host bits are set; the network is " + covering);
            }
        }
    }

    @Property
    void anyTextEitherParsesToAPrefixThatRoundTripsOrFailsWithTheTypedError(@ForAll("prefixLikeText") String text) {
        try {
            IpPrefix parsed = IpPrefix.parse(text);
            assertThat(parsed).hasToString(IpPrefix.parse(parsed.toString()).toString());
        } catch (InvalidValueException expected) {
            assertThat(expected.field()).isEqualTo("ip_prefix");
        }
    }

    @Provide
    Arbitrary<IpAddress> addresses() {
        Arbitrary<IpAddress> v4 = Arbitraries.longs().between(0, 0xFFFF_FFFFL).map(IpAddress::ipv4);
        Arbitrary<IpAddress> v6 = Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(IpAddress::ipv6);
        Arbitrary<IpAddress> nearby = Arbitraries.longs().between(0x0A01_0000L, 0x0A01_03FFL).map(IpAddress::ipv4);
        return Arbitraries.oneOf(v4, v6, nearby);
    }

    @Provide
    Arbitrary<IpPrefix> prefixes() {
        return Combinators.combine(addresses(), Arbitraries.integers().between(0, 128))
                .as((address, length) -> IpPrefix.covering(address, length % (address.family().bits() + 1)));
    }

    @Provide
    Arbitrary<IpPrefix> ipv4Prefixes() {
        return Combinators.combine(Arbitraries.longs().between(0, 0xFFFF_FFFFL), Arbitraries.integers().between(0, 32))
                .as((value, length) -> IpPrefix.covering(IpAddress.ipv4(value), length));
    }

    @Provide
    Arbitrary<int[]> lengthPair() {
        return Arbitraries.integers().between(0, 128).array(int[].class).ofSize(2);
    }

    @Provide
    Arbitrary<String> prefixLikeText() {
        Arbitrary<String> mutated = Combinators.combine(
                Arbitraries.of("10.1.1.0/24", "0.0.0.0/0", "2001:db8::/32", "::/0", "192.0.2.1/32"),
                Arbitraries.integers().between(0, 16), Arbitraries.chars().with("0123456789af:./x "),
                Arbitraries.integers().between(0, 2))
                .as(IpAddressPropertiesTest::mutate);
        return Arbitraries.oneOf(mutated,
                Arbitraries.strings().withChars("0123456789abcdef:./ ").ofMaxLength(48),
                Arbitraries.strings().ofMaxLength(60));
    }
}
