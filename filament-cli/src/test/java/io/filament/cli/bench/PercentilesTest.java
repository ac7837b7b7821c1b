package io.filament.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void usesNearestRankOnTheSortedSample() {
        Percentiles p = Percentiles.of(IntStream.rangeClosed(1, 100).mapToObj(i -> (double) (101 - i)).toList());
        assertThat(p.at(50)).isEqualTo(50.0);
        assertThat(p.at(99)).isEqualTo(99.0);
        assertThat(p.at(100)).isEqualTo(100.0);
        assertThat(p.max()).isEqualTo(100.0);
    }

    @Test
    void aSingleMeasurementIsEveryPercentile() {
        Percentiles p = Percentiles.of(List.of(42.0));
        assertThat(p.at(1)).isEqualTo(42.0);
        assertThat(p.at(99)).isEqualTo(42.0);
    }

    @Test
    void refusesAnEmptySample() {
        assertThatThrownBy(() -> Percentiles.of(List.of())).hasMessage("no measurements");
    }
}
