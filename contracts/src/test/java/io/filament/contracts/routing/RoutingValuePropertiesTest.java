package io.filament.contracts.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.filament.contracts.InvalidValueException;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class RoutingValuePropertiesTest {

    @Property
    void routeTargetsRoundTripBetweenTextValueAndWire(@ForAll("routeTargets") RouteTarget target) {
        assertThat(RouteTarget.parse(target.toString())).isEqualTo(target);
        assertThat(RouteTarget.fromBytes(target.toBytes())).isEqualTo(target);
        assertThat(RouteTarget.fromLong(target.toLong())).isEqualTo(target);
        assertThat(target.toBytes()[0]).isEqualTo((byte) target.kind().code());
        assertThat(target.toBytes()[1]).isEqualTo((byte) 0x02);
    }

    @Property
    void routeDistinguishersRoundTripBetweenTextValueAndWire(@ForAll("routeDistinguishers") RouteDistinguisher rd) {
        assertThat(RouteDistinguisher.parse(rd.toString())).isEqualTo(rd);
        assertThat(RouteDistinguisher.fromBytes(rd.toBytes())).isEqualTo(rd);
        assertThat(rd.toBytes()[0]).isZero();
        assertThat(rd.toBytes()[1]).isEqualTo((byte) rd.type());
    }

    @Property
    void anyEightBytesAreARouteTargetThatEncodesBackOrFailWithTheTypedError(@ForAll long community) {
        try {
            assertThat(RouteTarget.fromLong(community).toLong()).isEqualTo(community);
        } catch (InvalidValueException expected) {
            assertThat(expected.field()).isEqualTo("route_target");
        }
    }

    @Property
    void anyEightBytesAreADistinguisherThatEncodesBackOrFailWithTheTypedError(@ForAll("eightBytes") byte[] wire) {
        try {
            assertThat(RouteDistinguisher.fromBytes(wire).toBytes()).isEqualTo(wire);
        } catch (InvalidValueException expected) {
            assertThat(expected.field()).isEqualTo("route_distinguisher");
        }
    }

    @Property
    void anyTextIsARouteTargetThatRoundTripsOrFailsWithTheTypedError(@ForAll("routeTargetLikeText") String text) {
        assertParsesCanonicallyOrFailsTyped(text, RouteTarget::parse, "route_target");
    }

    @Property
    void anyTextIsADistinguisherThatRoundTripsOrFailsWithTheTypedError(@ForAll("distinguisherLikeText") String text) {
        assertParsesCanonicallyOrFailsTyped(text, RouteDistinguisher::parse, "route_distinguisher");
    }

    @Property
    void anyTextIsANumberedValueThatRoundTripsOrFailsWithTheTypedError(@ForAll("numberLikeText") String text) {
        assertParsesCanonicallyOrFailsTyped(text, AsNumber::parse, "as_number");
        assertParsesCanonicallyOrFailsTyped(text, Vni::parse, "vni");
        assertParsesCanonicallyOrFailsTyped(text, MplsLabel::parse, "mpls_label");
    }

    @Property
    void numberedValuesRoundTripThroughText(@ForAll @LongRange(max = 0xFFFF_FFFFL) long asn,
            @ForAll @IntRange(max = Vni.MAX) int vni, @ForAll @IntRange(max = MplsLabel.MAX) int label) {
        assertThat(AsNumber.parse(AsNumber.of(asn).toString())).isEqualTo(AsNumber.of(asn));
        assertThat(Vni.parse(Vni.of(vni).toString())).isEqualTo(Vni.of(vni));
        assertThat(MplsLabel.parse(MplsLabel.of(label).toString())).isEqualTo(MplsLabel.of(label));
    }

    /**
     * Accepted text reads back from its canonical form, and is that form already, except for a redundant
     * {@code L} on a 4-byte AS number above 65535 (accepted, as Tungsten Fabric does, and dropped on output).
     */
    private static <T> void assertParsesCanonicallyOrFailsTyped(String text, Function<String, T> parse, String field) {
        try {
            T value = parse.apply(text);
            assertThat(parse.apply(value.toString())).isEqualTo(value);
            if (!value.toString().equals(text)) {
                assertThat(text.replaceFirst("L:", ":")).isEqualTo(value.toString());
            }
        } catch (InvalidValueException expected) {
            assertThat(expected.field()).isEqualTo(field);
            assertThat(expected.getMessage()).startsWith("invalid " + field + " ");
        }
    }

    @Provide
    Arbitrary<RouteTarget> routeTargets() {
        return Arbitraries.of(AdministratorKind.values()).flatMap(kind -> Combinators.combine(
                        Arbitraries.longs().between(kind.isAsNumber() ? 1 : 0, kind.maxAdministrator()),
                        Arbitraries.longs().between(0, kind.maxAssignedNumber()))
                .as((admin, number) -> new RouteTarget(kind, admin, number)));
    }

    @Provide
    Arbitrary<RouteDistinguisher> routeDistinguishers() {
        return Arbitraries.of(AdministratorKind.values()).flatMap(kind -> Combinators.combine(
                        Arbitraries.longs().between(kind.isAsNumber() ? 1 : 0, kind.maxAdministrator()),
                        Arbitraries.longs().between(0, kind.maxAssignedNumber()))
                .as((admin, number) -> new RouteDistinguisher(kind, admin, number)));
    }

    @Provide
    Arbitrary<byte[]> eightBytes() {
        Arbitrary<byte[]> any = Arbitraries.bytes().array(byte[].class).ofSize(8);
        Arbitrary<byte[]> typed = Combinators.combine(any, Arbitraries.integers().between(0, 3))
                .as((bytes, type) -> {
                    bytes[0] = 0;
                    bytes[1] = type.byteValue();
                    return bytes;
                });
        return Arbitraries.oneOf(any, typed);
    }

    @Provide
    Arbitrary<String> routeTargetLikeText() {
        return Arbitraries.oneOf(
                routeTargets().map(RouteTarget::toString).map(RoutingValuePropertiesTest::nudge),
                Arbitraries.strings().withChars("target:0123456789.L").ofMaxLength(30),
                Arbitraries.strings().ofMaxLength(40));
    }

    @Provide
    Arbitrary<String> distinguisherLikeText() {
        return Arbitraries.oneOf(
                routeDistinguishers().map(RouteDistinguisher::toString).map(RoutingValuePropertiesTest::nudge),
                Arbitraries.strings().withChars("0123456789.:L").ofMaxLength(24),
                Arbitraries.strings().ofMaxLength(40));
    }

    @Provide
    Arbitrary<String> numberLikeText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("0123456789").ofMaxLength(25),
                Arbitraries.strings().withChars("0123456789+- xL.").ofMaxLength(12),
                Arbitraries.strings().ofMaxLength(20));
    }

    /** A small, deterministic corruption of valid text: some come out valid, most do not. */
    private static String nudge(String text) {
        int h = Math.floorMod(text.hashCode(), 7);
        return switch (h) {
            case 0 -> text;
            case 1 -> text + "0";
            case 2 -> text.replaceFirst(":", "::");
            case 3 -> text.replace("L", "");
            case 4 -> "0" + text;
            case 5 -> text.substring(0, text.length() - 1);
            default -> text.replace(':', '.');
        };
    }
}
