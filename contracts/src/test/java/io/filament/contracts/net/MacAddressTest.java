package io.filament.contracts.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filament.contracts.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MacAddressTest {

    @Test
    void readsColonFormInAnyCaseAndWritesLowerCase() {
        MacAddress mac = MacAddress.parse("02:00:0A:01:Ff:05");

        assertThat(mac.value()).isEqualTo(0x02000A01FF05L);
        assertThat(mac).hasToString("02:00:0a:01:ff:05");
        assertThat(mac.toBytes()).containsExactly(0x02, 0x00, 0x0a, 0x01, 0xff, 0x05);
        assertThat(MacAddress.fromBytes(mac.toBytes())).isEqualTo(mac);
    }

    @Test
    void knowsTheGroupAndLocalBits() {
        assertThat(MacAddress.parse("02:00:00:00:00:01").isLocallyAdministered()).isTrue();
        assertThat(MacAddress.parse("02:00:00:00:00:01").isMulticast()).isFalse();
        assertThat(MacAddress.parse("01:00:5e:00:00:01").isMulticast()).isTrue();
        assertThat(MacAddress.parse("fa:16:3e:b1:3b:30").isLocallyAdministered()).isTrue();
        assertThat(MacAddress.parse("00:1b:21:3a:4f:10").isLocallyAdministered()).isFalse();
        assertThat(MacAddress.BROADCAST.isBroadcast()).isTrue();
        assertThat(MacAddress.BROADCAST.isMulticast()).isTrue();
        assertThat(MacAddress.BROADCAST).hasToString("ff:ff:ff:ff:ff:ff");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "02:00:00:00:00     | expected six colon-separated hex pairs (17 characters)",
        "02-00-00-00-00-01  | octets must be separated by ':'",
        "02:00:00:00:00:0g  | character 17 is not a hex digit",
        "020:00:00:00:00:1  | octets must be separated by ':'",
        "0200.0000.0001     | expected six colon-separated hex pairs (17 characters)",
    })
    void rejectsMalformedTextNamingTheFieldAndTheValue(String input, String reason) {
        assertThatThrownBy(() -> MacAddress.parse(input))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid mac_address \"" + input + "\": " + reason);
    }

    @Test
    void rejectsByteArraysOtherThanSixBytes() {
        assertThatThrownBy(() -> MacAddress.fromBytes(new byte[] {1, 2, 3}))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid mac_address \"010203\": expected 6 bytes, got 3");
    }

    @Test
    void rejectsValuesWiderThan48Bits() {
        assertThatThrownBy(() -> new MacAddress(1L << 48)).isInstanceOf(InvalidValueException.class);
    }
}
