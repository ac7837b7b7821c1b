package io.filament.cli.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class JdkTest {

    @Test
    void findsTheInstalledJdk17AndJdk25() {
        assertThat(Files.isExecutable(Jdk.require(17).java())).isTrue();
        assertThat(Files.isExecutable(Jdk.require(25).java())).isTrue();
    }

    @Test
    void namesThePathsItSearchedWhenAJdkIsMissing() {
        assertThatThrownBy(() -> Jdk.require(8))
                .isInstanceOf(InfraException.class)
                .hasMessageStartingWith("JDK 8 not found (looked at /usr/lib/jvm/temurin-8-jdk-amd64")
                .hasMessageEndingWith("install it or set FILAMENT_JDK8");
    }
}
