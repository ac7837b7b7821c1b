package io.filament.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void padsEveryColumnToItsWidestCellAndTrimsTheLastOne() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new Table("SERVICE", "PID", "STATE")
                .row("kafka", "8485", "up")
                .row("cassandra", "-", "stopped")
                .print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("""
                SERVICE    PID   STATE
                kafka      8485  up
                cassandra  -     stopped
                """);
    }

    @Test
    void rejectsARowWithTheWrongNumberOfCells() {
        assertThatThrownBy(() -> new Table("A", "B").row("only-one"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row has 1 cells, header has 2");
    }

    @Test
    void writesDurationsInTheLargestUsefulUnits() {
        assertThat(Durations.compact(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(Durations.compact(Duration.ofSeconds(192))).isEqualTo("3m12s");
        assertThat(Durations.compact(Duration.ofMinutes(125))).isEqualTo("2h05m");
    }
}
