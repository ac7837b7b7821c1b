package io.filament.contracts.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filament.contracts.InvalidValueException;
import io.filament.contracts.net.IpAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Wire vectors follow the layouts of RFC 4360 §3.1 (two-octet AS specific, type 0x00), §3.2 (IPv4 address
 * specific, 0x01) and RFC 5668 §2 (four-octet AS specific, 0x02), each with the route-target subtype 0x02
 * of RFC 4360 §4; the first eight pairs are the byte/text pairs Tungsten Fabric's control node is tested with.
 */
class RouteTargetTest {

    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest
    @CsvSource({
        "0002ff8401020304, target:65412:16909060,  TWO_BYTE_AS",
        "0002ff8404030201, target:65412:67305985,  TWO_BYTE_AS",
        "0002ff8400000000, target:65412:0,         TWO_BYTE_AS",
        "0002ff84ffffffff, target:65412:4294967295, TWO_BYTE_AS",
        "01020a0101011234, target:10.1.1.1:4660,   IPV4_ADDRESS",
        "01020a0101014321, target:10.1.1.1:17185,  IPV4_ADDRESS",
        "01020a0101010000, target:10.1.1.1:0,      IPV4_ADDRESS",
        "01020a010101ffff, target:10.1.1.1:65535,  IPV4_ADDRESS",
        "0002fc00007a1203, target:64512:8000003,   TWO_BYTE_AS",
        "0202fa56ea000007, target:4200000000:7,    FOUR_BYTE_AS",
        "02020000fc000007, target:64512L:7,        FOUR_BYTE_AS",
        "0202000100000064, target:65536:100,       FOUR_BYTE_AS",
    })
    void convertsBetweenTextAndTheEightByteExtendedCommunity(String hex, String text, AdministratorKind kind) {
        byte[] wire = HEX.parseHex(hex);

        RouteTarget fromWire = RouteTarget.fromBytes(wire);
        RouteTarget fromText = RouteTarget.parse(text);

        assertThat(fromWire).isEqualTo(fromText);
        assertThat(fromWire.kind()).isEqualTo(kind);
        assertThat(fromWire).hasToString(text);
        assertThat(fromText.toBytes()).isEqualTo(wire);
        assertThat(fromText.toLong()).isEqualTo(Long.parseUnsignedLong(hex, 16));
        assertThat(RouteTarget.fromLong(fromText.toLong())).isEqualTo(fromText);
    }

    @Test
    void picksTheTwoByteFormForSmallAsNumbersAndTheFourByteFormOtherwise() {
        assertThat(RouteTarget.of(AsNumber.of(64512), 8_000_001)).hasToString("target:64512:8000001");
        assertThat(RouteTarget.of(AsNumber.of(64512), 8_000_001).kind()).isEqualTo(AdministratorKind.TWO_BYTE_AS);
        assertThat(RouteTarget.of(AsNumber.of(4_200_000_000L), 8000).kind()).isEqualTo(AdministratorKind.FOUR_BYTE_AS);
        assertThat(RouteTarget.of(IpAddress.parse("192.0.2.1"), 5)).hasToString("target:192.0.2.1:5");
    }

    @Test
    void acceptsARedundantFourByteMarkerAndDropsItOnOutput() {
        RouteTarget target = RouteTarget.parse("target:70000L:5");

        assertThat(target).isEqualTo(RouteTarget.parse("target:70000:5"));
        assertThat(target).hasToString("target:70000:5");
    }

    @Test
    void knowsTheNumberRangeTungstenFabricAllocatesFrom() {
        assertThat(RouteTarget.parse("target:64512:8000000").isInSystemRange()).isTrue();
        assertThat(RouteTarget.parse("target:64512:16777215").isInSystemRange()).isTrue();
        assertThat(RouteTarget.parse("target:64512:7999999").isInSystemRange()).isFalse();
        assertThat(RouteTarget.parse("target:64512:16777216").isInSystemRange()).isFalse();
        assertThat(RouteTarget.parse("target:4200000000:8000").isInSystemRange()).isTrue();
        assertThat(RouteTarget.parse("target:4200000000:32768").isInSystemRange()).isFalse();
        assertThat(RouteTarget.parse("target:10.1.1.1:9000").isInSystemRange()).isFalse();
    }

    @Test
    void exposesTheAdministratorAsAsNumberOrAddress() {
        assertThat(RouteTarget.parse("target:64512:1").asNumber()).contains(AsNumber.of(64512));
        assertThat(RouteTarget.parse("target:64512:1").ipv4Administrator()).isEmpty();
        assertThat(RouteTarget.parse("target:10.1.1.1:1").ipv4Administrator()).contains(IpAddress.parse("10.1.1.1"));
        assertThat(RouteTarget.parse("target:10.1.1.1:1").asNumber()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "target-10.1.1.1-65535    | must start with \"target:\"",
        "rtarget:10.1.1.1:65535   | must start with \"target:\"",
        "target:10.1.1.1-65535    | expected <administrator>:<number>",
        "target:0:100             | AS number 0 is reserved",
        "target:65412:4294967299  | assigned number 4294967299 exceeds 4294967295",
        "target:65412:0xffff      | assigned number \"0xffff\" has a leading zero",
        "target:65412:10.1.1.1    | assigned number is not a decimal number",
        "target:10.1.1.256:4660   | IPv4 octet 4 256 exceeds 255",
        "target:10.1.1.1:65536    | assigned number 65536 exceeds 65535",
        "target:10.1.1.1:1.1.1.1  | assigned number is not a decimal number",
        "target:4200000000:65536  | assigned number 65536 exceeds 65535",
        "target:4294967296:1      | AS number 4294967296 exceeds 4294967295",
        "target::1                | AS number is empty",
        "target:64512:            | assigned number is empty",
        "target:2001:db8::1:5     | assigned number is not a decimal number",
    })
    void rejectsMalformedTextNamingTheFieldAndTheValue(String input, String reason) {
        assertThatThrownBy(() -> RouteTarget.parse(input))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid route_target \"" + input + "\": " + reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "4002ff8401020304 | type 0x40 subtype 0x02 is not a route target",
        "0003ff8401020304 | type 0x00 subtype 0x03 is not a route target",
        "0302ff8401020304 | type 0x03 subtype 0x02 is not a route target",
        "0002000000000005 | AS number 0 is reserved",
    })
    void rejectsExtendedCommunitiesThatAreNotRouteTargets(String hex, String reason) {
        assertThatThrownBy(() -> RouteTarget.fromBytes(HEX.parseHex(hex)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("invalid route_target ")
                .hasMessageEndingWith(reason);
    }

    @Test
    void rejectsWireValuesOfTheWrongLength() {
        assertThatThrownBy(() -> RouteTarget.fromBytes(HEX.parseHex("0002ff84010203")))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid route_target \"0002ff84010203\": expected 8 bytes, got 7");
    }

    @Test
    void rejectsComponentsOutsideTheirFieldWidths() {
        assertThatThrownBy(() -> new RouteTarget(AdministratorKind.TWO_BYTE_AS, 65536, 1))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid route_target \"target:65536:1\": administrator 65536 is outside 0..65535");
        assertThatThrownBy(() -> new RouteTarget(AdministratorKind.IPV4_ADDRESS, 1, 70000))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid route_target \"target:0.0.0.1:70000\": assigned number 70000 is outside 0..65535");
    }

    @Test
    void ordersAsTheWireBytesDo() {
        assertThat(RouteTarget.parse("target:64512:2")).isGreaterThan(RouteTarget.parse("target:64512:1"));
        assertThat(RouteTarget.parse("target:1.1.1.1:0")).isGreaterThan(RouteTarget.parse("target:65535:4294967295"));
        assertThat(RouteTarget.parse("target:65536:0")).isGreaterThan(RouteTarget.parse("target:255.255.255.255:1"));
    }
}
