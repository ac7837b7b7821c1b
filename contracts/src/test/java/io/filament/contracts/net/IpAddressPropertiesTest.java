package io.filament.contracts.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.filament.contracts.InvalidValueException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class IpAddressPropertiesTest {

    @Property
    void ipv4TextBytesAndValueRoundTrip(@ForAll("ipv4") IpAddress address) throws Exception {
        assertThat(IpAddress.parse(address.toString())).isEqualTo(address);
        assertThat(IpAddress.fromBytes(address.toBytes())).isEqualTo(address);
        assertThat(InetAddress.ofLiteral(address.toString()).getAddress()).isEqualTo(address.toBytes());
    }

    @Property
    void ipv6TextBytesAndValueRoundTrip(@ForAll("ipv6") IpAddress address) {
        String text = address.toString();

        assertThat(IpAddress.parse(text)).isEqualTo(address);
        assertThat(IpAddress.fromBytes(address.toBytes())).isEqualTo(address);
        byte[] jdk = InetAddress.ofLiteral(text).getAddress();
        if (jdk.length == 4) {
            assertThat(text).startsWith("::ffff:");
            assertThat(jdk).isEqualTo(java.util.Arrays.copyOfRange(address.toBytes(), 12, 16));
        } else {
            assertThat(jdk).isEqualTo(address.toBytes());
        }
    }

    @Property
    void canonicalIpv6TextIsLowerCaseWithoutLeadingZerosOrSingleGroupCompression(@ForAll("ipv6") IpAddress address) {
        String text = address.toString();

        assertThat(text).isEqualTo(text.toLowerCase(Locale.ROOT));
        assertThat(text).doesNotContain(":::");
        assertThat(text.split("::", -1).length).isLessThanOrEqualTo(2);
        for (String group : text.replace("::", ":").split(":")) {
            if (!group.isEmpty() && !group.contains(".")) {
                assertThat(group).hasSizeBetween(1, 4);
                assertThat(group.length() == 1 || group.charAt(0) != '0').isTrue();
            }
        }
        if (!text.startsWith("::ffff:") || !text.contains(".")) {
            assertTheLongestFirstZeroRunIsTheCompressedOne(text);
        }
    }

    /** RFC 5952 §4.2: "::" replaces the longest run of two or more zero groups, the first one on a tie. */
    private static void assertTheLongestFirstZeroRunIsTheCompressedOne(String text) {
        int gap = text.indexOf("::");
        String before = gap < 0 ? text : text.substring(0, gap);
        String after = gap < 0 ? "" : text.substring(gap + 2);
        int explicit = groups(before).size() + groups(after).size();
        int elided = gap < 0 ? 0 : 8 - explicit;
        assertThat(gap < 0 || elided >= 2).as("'::' stands for at least two groups in %s", text).isTrue();
        assertThat(longestZeroRun(groups(before))).as("zero run before '::' in %s", text)
                .isLessThan(Math.max(elided, 2));
        assertThat(longestZeroRun(groups(after))).as("zero run after '::' in %s", text)
                .isLessThanOrEqualTo(Math.max(elided, 1));
    }

    private static List<String> groups(String part) {
        return part.isEmpty() ? List.of() : List.of(part.split(":"));
    }

    private static int longestZeroRun(List<String> groups) {
        int longest = 0;
        int run = 0;
        for (String group : groups) {
            run = group.equals("0") ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    @Property
    void everyRfc4291SpellingOfAnAddressReadsAsThatAddress(@ForAll("ipv6Spelling") Spelling spelling) {
        assertThat(IpAddress.parse(spelling.text())).isEqualTo(spelling.address());
    }

    @Property
    void anyTextEitherParsesToAValueThatRoundTripsOrFailsWithTheTypedError(@ForAll("addressLikeText") String text) {
        try {
            IpAddress parsed = IpAddress.parse(text);
            assertThat(IpAddress.parse(parsed.toString())).isEqualTo(parsed);
        } catch (InvalidValueException expected) {
            assertThat(expected.field()).isEqualTo("ip_address");
            assertThat(expected.getMessage()).startsWith("invalid ip_address ");
        }
    }

    @Property
    void anyByteArrayEitherIsAnAddressOrFailsWithTheTypedError(@ForAll byte[] bytes) {
        try {
            assertThat(IpAddress.fromBytes(bytes).toBytes()).isEqualTo(bytes);
        } catch (InvalidValueException expected) {
            assertThat(bytes.length).isNotIn(4, 16);
        }
    }

    @Provide
    Arbitrary<IpAddress> ipv4() {
        return Arbitraries.longs().between(0, 0xFFFF_FFFFL).map(IpAddress::ipv4);
    }

    @Provide
    Arbitrary<IpAddress> ipv6() {
        Arbitrary<Long> half = Arbitraries.oneOf(
                Arbitraries.longs(),
                Arbitraries.of(0L, 0xFFFFL, 0xFFFF_0000_0000L, 0x2001_0db8_0000_0000L),
                Arbitraries.longs().map(v -> v & 0xFFFF_0000_FFFF_0000L));
        return Combinators.combine(half, half).as(IpAddress::ipv6);
    }

    record Spelling(IpAddress address, String text) {
    }

    /** Random legal spellings: any case, optional leading zeros, "::" over any zero run, optional dotted tail. */
    @Provide
    Arbitrary<Spelling> ipv6Spelling() {
        Arbitrary<int[]> groups = Arbitraries.integers().between(0, 0xFFFF)
                .injectDuplicates(0.0)
                .list().ofSize(8)
                .map(list -> list.stream().mapToInt(Integer::intValue).toArray());
        Arbitrary<int[]> sparse = groups.map(g -> {
            int[] copy = g.clone();
            for (int i = 0; i < copy.length; i++) {
                if ((copy[i] & 3) != 0) {
                    copy[i] = 0;
                }
            }
            return copy;
        });
        return Combinators.combine(Arbitraries.oneOf(groups, sparse), Arbitraries.randoms(), Arbitraries.of(true, false))
                .as((g, random, dotted) -> spell(g, random, dotted));
    }

    private static Spelling spell(int[] groups, java.util.Random random, boolean dottedTail) {
        long high = 0;
        long low = 0;
        for (int i = 0; i < 4; i++) {
            high = (high << 16) | groups[i];
            low = (low << 16) | groups[i + 4];
        }
        List<String> parts = new ArrayList<>();
        int written = dottedTail ? 6 : 8;
        for (int i = 0; i < written; i++) {
            String hex = Integer.toHexString(groups[i]);
            if (random.nextBoolean()) {
                hex = "0".repeat(4 - hex.length()) + hex;
            }
            parts.add(random.nextBoolean() ? hex.toUpperCase(Locale.ROOT) : hex);
        }
        if (dottedTail) {
            parts.add((groups[6] >> 8) + "." + (groups[6] & 0xFF) + "." + (groups[7] >> 8) + "." + (groups[7] & 0xFF));
        }
        String text = String.join(":", parts);
        int runStart = -1;
        for (int i = 0; i < written; i++) {
            if (groups[i] == 0 && random.nextInt(3) == 0) {
                runStart = i;
                break;
            }
        }
        if (runStart >= 0) {
            int runEnd = runStart;
            while (runEnd + 1 < written && groups[runEnd + 1] == 0 && random.nextBoolean()) {
                runEnd++;
            }
            String head = String.join(":", parts.subList(0, runStart));
            String tail = String.join(":", parts.subList(runEnd + 1, parts.size()));
            text = head + "::" + tail;
        }
        return new Spelling(IpAddress.ipv6(high, low), text);
    }

    @Provide
    Arbitrary<String> addressLikeText() {
        Arbitrary<String> alphabet = Arbitraries.strings().withChars("0123456789abcdefABCDEFgG:./%- \t").ofMaxLength(48);
        Arbitrary<String> mutated = Combinators.combine(
                Arbitraries.of("10.1.2.3", "255.255.255.255", "2001:db8::1", "::ffff:10.0.0.1", "::", "1:2:3:4:5:6:7:8"),
                Arbitraries.integers().between(0, 20), Arbitraries.chars().with("0123456789af:.%xG "),
                Arbitraries.integers().between(0, 2))
                .as((seed, at, c, op) -> mutate(seed, at, c, op));
        return Arbitraries.oneOf(alphabet, mutated, Arbitraries.strings().ofMaxLength(60));
    }

    static String mutate(String seed, int at, char c, int op) {
        int position = Math.min(at, seed.length());
        return switch (op) {
            case 0 -> seed.substring(0, position) + c + seed.substring(position);
            case 1 -> position < seed.length() ? seed.substring(0, position) + seed.substring(position + 1) : seed + c;
            default -> position < seed.length() ? seed.substring(0, position) + c + seed.substring(position + 1) : c + seed;
        };
    }
}
