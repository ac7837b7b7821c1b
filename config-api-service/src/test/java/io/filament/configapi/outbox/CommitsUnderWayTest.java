package io.filament.configapi.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommitsUnderWayTest {

    private final CommitsUnderWay underWay = new CommitsUnderWay();

    @Test
    void anObjectIsUnderWayUntilItsLastCommitEnds() {
        underWay.begin(List.of("vmi", "router"));
        underWay.begin(List.of("router"));
        assertThat(underWay.underWay("vmi")).isTrue();
        assertThat(underWay.underWay("other")).isFalse();

        underWay.end(List.of("vmi", "router"));
        assertThat(underWay.underWay("vmi")).isFalse();
        assertThat(underWay.underWay("router")).isTrue();

        underWay.end(List.of("router"));
        assertThat(underWay.underWay("router")).isFalse();
    }

    @Test
    void endingWhatNeverBeganChangesNothing() {
        underWay.end(List.of("never"));
        underWay.begin(List.of("vmi"));
        underWay.end(List.of("never"));
        assertThat(underWay.underWay("vmi")).isTrue();
        assertThat(underWay.underWay("never")).isFalse();
    }
}
