package io.filament.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InvalidValueExceptionTest {

    @Test
    void namesTheFieldQuotesTheValueAndGivesTheReason() {
        InvalidValueException e = new InvalidValueException("ip_prefix", "10.1.1.0/33", "prefix length 33 exceeds 32");

        assertThat(e).hasMessage("invalid ip_prefix \"10.1.1.0/33\": prefix length 33 exceeds 32");
        assertThat(e).isInstanceOf(IllegalArgumentException.class);
        assertThat(e.field()).isEqualTo("ip_prefix");
        assertThat(e.value()).contains("10.1.1.0/33");
        assertThat(e.reason()).isEqualTo("prefix length 33 exceeds 32");
    }

    @Test
    void saysWhenTheValueIsMissing() {
        InvalidValueException e = new InvalidValueException("ce_id", null, "required CloudEvents header is missing");

        assertThat(e).hasMessage("invalid ce_id (missing): required CloudEvents header is missing");
        assertThat(e.value()).isEmpty();
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        InvalidValueException e = new InvalidValueException("fq_name", "a\"b\\c\nd\u0001", "bad");

        assertThat(e).hasMessage("invalid fq_name \"a\\\"b\\\\c\\nd\\u0001\": bad");
    }

    @Test
    void cutsLongValuesSoThatHostileInputCannotFloodALogLine() {
        InvalidValueException e = new InvalidValueException("mac_address", "x".repeat(10_000), "too long");

        assertThat(e.getMessage()).hasSizeLessThan(200)
                .isEqualTo("invalid mac_address \"" + "x".repeat(120) + "\"… (10000 chars): too long");
        assertThat(e.value()).contains("x".repeat(10_000));
    }

    @Test
    void canBeReportedForTheCallersOwnFieldName() {
        InvalidValueException original = new InvalidValueException("ip_prefix", "10.0.0.1/8", "host bits are set");

        InvalidValueException renamed = original.forField("ipam_subnets[0].subnet");

        assertThat(renamed).hasMessage("invalid ipam_subnets[0].subnet \"10.0.0.1/8\": host bits are set");
        assertThat(renamed).hasCause(original);
    }

    @Test
    void decimalReaderRejectsBoundsThatCouldOverflow() {
        assertThatThrownBy(() -> UnsignedDecimal.parse("f", "1", "1", "n", Long.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .isNotInstanceOf(InvalidValueException.class);
        assertThat(UnsignedDecimal.parse("f", "0", "0", "n", 0)).isZero();
        assertThat(UnsignedDecimal.parse("f", "x", "4294967295", "n", 0xFFFF_FFFFL)).isEqualTo(0xFFFF_FFFFL);
        assertThatThrownBy(() -> UnsignedDecimal.parse("f", "x", "99999999999999999999999", "n", 0xFFFF_FFFFL))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid f \"x\": n 99999999999999999999999 exceeds 4294967295");
        assertThatThrownBy(() -> UnsignedDecimal.parse("f", "x", "１２", "n", 100))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid f \"x\": n is not a decimal number");
    }
}
