package io.filament.control.xmpp.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentCredentialsTest {

    @TempDir
    Path dir;

    @Test
    void rereadsTheFileWhenItChanges() throws Exception {
        Path file = dir.resolve("xmpp-agents");
        Files.writeString(file, "# agents\nhost1:s1\n");
        AgentCredentials credentials = new AgentCredentials(file);
        assertThat(credentials.matches("host2", "s2")).isFalse();

        Files.writeString(file, "host1:s1\nhost2:s2\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

        assertThat(credentials.matches("host2", "s2")).isTrue();
        assertThat(credentials.matches("host1", "s1")).isTrue();
        assertThat(credentials.matches("host1", "s2")).isFalse();
    }

    @Test
    void keepsThePreviousTableWhenALineIsMalformed() throws Exception {
        Path file = dir.resolve("xmpp-agents");
        Files.writeString(file, "host1:s1\n");
        AgentCredentials credentials = new AgentCredentials(file);

        Files.writeString(file, "host1:s1\nno-colon-here\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

        assertThat(credentials.matches("host1", "s1")).isTrue();
    }

    @Test
    void failsLoudlyWithoutASecretsFile() {
        assertThatThrownBy(() -> new AgentCredentials(dir.resolve("missing")))
                .hasMessageContaining("does not exist");
    }
}
