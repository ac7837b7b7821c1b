package io.filament.cli.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The agents' XMPP credentials for the local stack: one random password per simulated host, written once to
 * the control node's secrets file ({@code hostname:password} per line, mode 0600) and kept across restarts.
 */
final class XmppSecrets {

    private XmppSecrets() {
    }

    static void ensure(Path file, List<StackLayout.SimulatedHost> hosts) {
        if (Files.exists(file)) {
            return;
        }
        SecureRandom random = new SecureRandom();
        StringBuilder lines = new StringBuilder();
        for (StackLayout.SimulatedHost host : hosts) {
            byte[] secret = new byte[16];
            random.nextBytes(secret);
            lines.append(host.name()).append(':').append(HexFormat.of().formatHex(secret)).append('\n');
        }
        try {
            Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            Files.writeString(file, lines);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
