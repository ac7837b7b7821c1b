package io.filament.agent.runtime;

import io.filament.agent.config.AgentProperties;
import io.filament.agent.config.InvalidAgentPropertyException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/** The agent's SASL password: its line in the secrets file when one is configured, else the configured password. */
final class AgentPassword {

    private AgentPassword() {
    }

    static String of(AgentProperties properties) {
        if (properties.xmpp().passwordFile() == null) {
            return properties.xmpp().password();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(properties.xmpp().passwordFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read filament.xmpp.password-file " + properties.xmpp().passwordFile(), e);
        }
        String prefix = properties.host().name() + ":";
        return lines.stream().map(String::strip).filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> l.substring(prefix.length()))
                .orElseThrow(() -> new InvalidAgentPropertyException("filament.xmpp.password-file",
                        properties.xmpp().passwordFile().toString(), "has no line for host " + properties.host().name()));
    }
}
