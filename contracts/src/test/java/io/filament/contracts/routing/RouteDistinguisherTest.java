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
 * Wire vectors follow RFC 4364 §4.2: a 2-byte type field, then administrator and assigned number in the
 * widths of that type. Most pairs are those Tungsten Fabric's own distinguisher is tested with.
 */
class RouteDistinguisherTest {

    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest
    @CsvSource({
        "0000000000000000, 0:0,              0",
        "0000ff8401020304, 65412:16909060,   0",
        "0000ff8404030201, 65412:67305985,   0",
        "0000ff8400000000, 65412:0,          0",
        "0000ff84ffffffff, 65412:4294967295, 0",
        "00010a0101011234, 10.1.1.1:4660,    1",
        "00010a0101014321, 10.1.1.1:17185,   1",
        "00010a0101010000, 10.1.1.1:0,       1",
        "00010a010101ffff, 10.1.1.1:65535,   1",
        "0002000100001234, 65536:4660,       2",
        "0002000100004321, 65536:17185,      2",
        "0002010000001234, 16777216:4660,    2",
        "00020000fc000001, 64512L:1,         2",
    })
    void convertsBetweenTextAndTheEightWireBytes(String hex, String text, int type) {
        byte[] wire = HEX.parseHex(hex);

        RouteDistinguisher fromWire = RouteDistinguisher.fromBytes(wire);
        RouteDistinguisher fromText = RouteDistinguisher.parse(text);

        assertThat(fromWire).isEqualTo(fromText);
        assertThat(fromWire.type()).isEqualTo(type);
        assertThat(fromWire).hasToString(text);
        assertThat(fromText.toBytes()).isEqualTo(wire);
    }

    @Test
    void buildsTheVrouterStyleTypeOneDistinguisher() {
        RouteDistinguisher rd = RouteDistinguisher.of(IpAddress.parse("192.168.0.11"), 3);

        assertThat(rd).hasToString("192.168.0.11:3");
        assertThat(rd.toBytes()).isEqualTo(HEX.parseHex("0001c0a8000b0003"));
        assertThat(RouteDistinguisher.of(AsNumber.of(65536), 7)).hasToString("65536:7");
        assertThat(RouteDistinguisher.of(AsNumber.of(64512), 7).type()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10.1.1.1-65535     | expected <administrator>:<number>",
        "0:16909060         | AS number 0 is allowed only with assigned number 0",
        "65412:4294967299   | assigned number 4294967299 exceeds 4294967295",
        "65412:0xffff       | assigned number \"0xffff\" has a leading zero",
        "65412:10.1.1.1     | assigned number is not a decimal number",
        "10.1.1.256:4660    | IPv4 octet 4 256 exceeds 255",
        "10.1.1.1:65536     | assigned number 65536 exceeds 65535",
        "10.1.1.1:1.1.1.1   | assigned number is not a decimal number",
        "65536:65536        | assigned number 65536 exceeds 65535",
        "target:1:2         | AS number is not a decimal number",
    })
    void rejectsMalformedTextNamingTheFieldAndTheValue(String input, String reason) {
        assertThatThrownBy(() -> RouteDistinguisher.parse(input))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid route_distinguisher \"" + input + "\": " + reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0010070809 0a0b0c | type 16 is not 0, 1 or 2",
        "0100070809 0a0b0c | type 256 is not 0, 1 or 2",
    })
    void rejectsUnknownTypesOnTheWire(String hex, String reason) {
        byte[] wire = HEX.parseHex(hex.replace(" ", ""));

        assertThatThrownBy(() -> RouteDistinguisher.fromBytes(wire))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid route_distinguisher \"" + HEX.formatHex(wire) + "\": " + reason);
    }

    @Test
    void rejectsWireValuesOfTheWrongLength() {
        assertThatThrownBy(() -> RouteDistinguisher.fromBytes(new byte[9]))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageEndingWith("expected 8 bytes, got 9");
    }

    @Test
    void theZeroDistinguisherIsAllZeroBytes() {
        assertThat(RouteDistinguisher.ZERO.toBytes()).isEqualTo(new byte[8]);
        assertThat(RouteDistinguisher.ZERO).hasToString("0:0");
    }
}
