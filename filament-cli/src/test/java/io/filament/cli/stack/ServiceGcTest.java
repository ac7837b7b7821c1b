package io.filament.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filament.cli.infra.InfraException;
import org.junit.jupiter.api.Test;

class ServiceGcTest {

    @Test
    void namesTheJvmOptionOfEachCollector() {
        assertThat(ServiceGc.named("serial").option()).isEqualTo("-XX:+UseSerialGC");
        assertThat(ServiceGc.named(" ZGC ").option()).isEqualTo("-XX:+UseZGC");
        assertThat(ServiceGc.named("shenandoah").option()).isEqualTo("-XX:+UseShenandoahGC");
    }

    @Test
    void refusesAnUnknownCollectorNamingTheOnesItKnows() {
        assertThatThrownBy(() -> ServiceGc.named("g2"))
                .isInstanceOf(InfraException.class)
                .hasMessage("FILAMENT_GC=g2 is not a collector the services run with; use one of parallel, serial,"
                        + " shenandoah, zgc");
    }
}
