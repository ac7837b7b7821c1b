package io.filament.contracts.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.filament.contracts.InvalidValueException;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

class MacAddressPropertiesTest {

    @Property
    void textAndBytesRoundTrip(@ForAll @LongRange(min = 0, max = 0xFFFF_FFFF_FFFFL) long value) {
        MacAddress mac = new MacAddress(value);

        assertThat(MacAddress.parse(mac.toString())).isEqualTo(mac);
        assertThat(MacAddress.parse(mac.toString().toUpperCase(Locale.ROOT))).isEqualTo(mac);
        assertThat(MacAddress.fromBytes(mac.toBytes())).isEqualTo(mac);
        assertThat(mac.toString()).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
    }

    @Property
    void anyTextEitherIsAMacAddressOrFailsWithTheTypedError(@ForAll("macLikeText") String text) {
        try {
            MacAddress mac = MacAddress.parse(text);
            assertThat(mac.toString()).isEqualToIgnoringCase(text);
        } catch (InvalidValueException expected) {
            assertThat(expected.field()).isEqualTo("mac_address");
        }
    }

    @Provide
    Arbitrary<String> macLikeText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("0123456789abcdefABCDEFg:-.").ofMinLength(15).ofMaxLength(19),
                Arbitraries.strings().ofMaxLength(20));
    }
}
