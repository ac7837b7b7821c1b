package io.filament.dataplane.io.linux.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetlinkMessageBuilderTest {

    @ParameterizedTest
    @CsvSource({"0,0", "1,4", "3,4", "4,4", "5,8", "9,12", "12,12"})
    void alignsLengthsToFourBytes(int length, int aligned) {
        assertThat(NetlinkMessageBuilder.align(length)).isEqualTo(aligned);
    }

    @ParameterizedTest
    @CsvSource({
            "'',        0400 0900",
            "aa,        0500 0900 aa000000",
            "aabbcc,    0700 0900 aabbcc00",
            "aabbccdd,  0800 0900 aabbccdd",
            "aabbccddee,0900 0900 aabbccddee000000"})
    void padsEachAttributeValueWithZerosToTheNextFourByteBoundary(String value, String attribute) {
        byte[] m = new NetlinkMessageBuilder(16, 5, 1).attribute(9, HexFormat.of().parseHex(value)).build();

        String expected = attribute.replace(" ", "");
        assertThat(HexFormat.of().formatHex(m, 16, m.length)).isEqualTo(expected);
        assertThat(m.length).isEqualTo(16 + expected.length() / 2);
        assertThat(m[0] & 0xff).as("nlmsg_len").isEqualTo(m.length);
    }

    @ParameterizedTest
    @CsvSource({"eth0, 0900 0300 6574683000000000", "eth0123, 0c00 0300 6574683031323300"})
    void terminatesStringAttributesWithNulAsTheKernelPolicyExpects(String name, String attribute) {
        byte[] m = new NetlinkMessageBuilder(16, 5, 1).attribute(3, name).build();

        assertThat(HexFormat.of().formatHex(m, 16, m.length)).isEqualTo(attribute.replace(" ", ""));
    }
}
