package io.filament.cli.netns;

import io.filament.cli.infra.InfraException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EchoProbeTest {

    @Test
    void aReplyIsTimedByTheKernelsReceiveStamp() {
        assertThat(EchoProbe.stamp("1795926184.145654179")).isEqualTo(Instant.ofEpochSecond(1795926184L, 145_654_179));
    }

    @Test
    void anythingElseIsAnError() {
        assertThatThrownBy(() -> EchoProbe.stamp("Traceback (most recent call last):"))
                .isInstanceOf(InfraException.class).hasMessageContaining("no reply time");
    }
}
