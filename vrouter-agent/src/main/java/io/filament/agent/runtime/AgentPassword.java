package io.filament.agent.runtime;

import io.filament.agent.config.AgentProperties;
import io.filament.agent.config.InvalidAgentPropertyException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The agent's SASL password: its line in the configured secrets file; without one, its line in the local stack's
 * {@code <root>/var/secrets/xmpp-agents} (the control node's default) when that file exists and has the host;
 * otherwise the configured password.
 */
final class AgentPassword {

    private AgentPassword() {
    }

    static final String LOCAL_STACK_SECRETS = "var/secrets/xmpp-agents";

    static String of(AgentProperties properties) {
        if (properties.xmpp().passwordFile() == null) {
            Path local = properties.root().resolve(LOCAL_STACK_SECRETS);
            if (Files.isRegularFile(local)) {
                return lineOf(local, properties.host().name()).orElse(properties.xmpp().password());
            }
            return properties.xmpp().password();
        }
        return lineOf(properties.xmpp().passwordFile(), properties.host().name())
                .orElseThrow(() -> new InvalidAgentPropertyException("filament.xmpp.password-file",
                        properties.xmpp().passwordFile().toString(), "has no line for host " + properties.host().name()));
    }

    private static Optional<String> lineOf(Path file, String host) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read XMPP secrets " + file, e);
        }
        String prefix = host + ":";
        return lines.stream().map(String::strip).filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> l.substring(prefix.length()));
    }
}
