package io.filament.contracts.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filament.contracts.InvalidValueException;
import org.junit.jupiter.api.Test;

/** AsNumber, Vni and MplsLabel: bounded decimal values. */
class NumberedValuesTest {

    @Test
    void asNumbersCoverTwoAndFourByteRanges() {
        assertThat(AsNumber.parse("64512")).isEqualTo(AsNumber.TF_DEFAULT);
        assertThat(AsNumber.parse("65535").isTwoByte()).isTrue();
        assertThat(AsNumber.parse("65536").isTwoByte()).isFalse();
        assertThat(AsNumber.parse("4294967295").value()).isEqualTo(AsNumber.MAX_FOUR_BYTE);
        assertThat(AsNumber.AS_TRANS.value()).isEqualTo(23456);
    }

    @Test
    void asNumbersRejectTextOutOfRangeOrNotDecimal() {
        assertThatThrownBy(() -> AsNumber.parse("4294967296"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid as_number \"4294967296\": AS number 4294967296 exceeds 4294967295");
        assertThatThrownBy(() -> AsNumber.parse("1.10"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid as_number \"1.10\": AS number is not a decimal number");
        assertThatThrownBy(() -> AsNumber.of(-1)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void vnisAreTwentyFourBitsAndZeroIsNotConfigurable() {
        assertThat(Vni.parse("16777215").value()).isEqualTo(Vni.MAX);
        assertThat(Vni.of(0).isConfigurable()).isFalse();
        assertThat(Vni.of(Vni.MIN_CONFIGURABLE).isConfigurable()).isTrue();
        assertThatThrownBy(() -> Vni.parse("16777216"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid vni \"16777216\": VNI 16777216 exceeds 16777215");
        assertThatThrownBy(() -> Vni.of(1 << 24))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid vni \"16777216\": VNI is outside 0..16777215");
    }

    @Test
    void mplsLabelsAreTwentyBitsWithSixteenReservedValues() {
        assertThat(MplsLabel.parse("1048575").value()).isEqualTo(MplsLabel.MAX);
        assertThat(MplsLabel.of(15).isReserved()).isTrue();
        assertThat(MplsLabel.of(MplsLabel.FIRST_ALLOCATABLE).isReserved()).isFalse();
        assertThat(MplsLabel.IMPLICIT_NULL.value()).isEqualTo(3);
        assertThat(MplsLabel.TF_DEFAULT_TABLE_SIZE).isGreaterThan(MplsLabel.TF_MIN_UNICAST_LABELS);
        assertThatThrownBy(() -> MplsLabel.parse("1048576"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid mpls_label \"1048576\": MPLS label 1048576 exceeds 1048575");
        assertThatThrownBy(() -> MplsLabel.parse(" 16"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid mpls_label \" 16\": MPLS label is not a decimal number");
    }
}
