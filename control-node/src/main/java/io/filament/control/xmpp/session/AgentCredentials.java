package io.filament.control.xmpp.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-agent SASL passwords from a secrets file, one {@code hostname:password} per line ({@code #} comments and
 * blank lines allowed). The file is re-read whenever its modification time or size changed, so a new host can
 * connect without a restart. A malformed line is rejected with its line number and the old table stays.
 */
public final class AgentCredentials {

    private static final Logger log = LoggerFactory.getLogger(AgentCredentials.class);

    private final Path file;
    private Map<String, byte[]> passwords = Map.of();
    private FileTime loadedTime;
    private long loadedSize = -1;

    public AgentCredentials(Path file) {
        this.file = file;
        reloadIfChanged();
    }

    public synchronized boolean matches(String hostname, String password) {
        reloadIfChanged();
        byte[] expected = passwords.get(hostname);
        return expected != null && MessageDigest.isEqual(expected, password.getBytes(StandardCharsets.UTF_8));
    }

    private void reloadIfChanged() {
        try {
            if (!Files.exists(file)) {
                throw new IllegalStateException("XMPP agent secrets file " + file + " does not exist");
            }
            FileTime time = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            if (time.equals(loadedTime) && size == loadedSize) {
                return;
            }
            try {
                passwords = parse(Files.readAllLines(file, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                log.warn("keeping the previous agent credentials: {}", e.getMessage());
                return;
            }
            loadedTime = time;
            loadedSize = size;
            log.info("loaded {} agent credentials from {}", passwords.size(), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read XMPP agent secrets " + file, e);
        }
    }

    private Map<String, byte[]> parse(java.util.List<String> lines) {
        Map<String, byte[]> out = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || colon == line.length() - 1) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected hostname:password");
            }
            out.put(line.substring(0, colon), line.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
        }
        return Map.copyOf(out);
    }
}
