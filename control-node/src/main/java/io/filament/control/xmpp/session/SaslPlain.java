package io.filament.control.xmpp.session;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** SASL PLAIN (RFC 4616) initial response: {@code [authzid] NUL authcid NUL passwd}, base64 in {@code <auth>}. */
record SaslPlain(String authcid, String password) {

    static Optional<SaslPlain> decode(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String s = new String(raw, StandardCharsets.UTF_8);
        String[] parts = s.split("\u0000", -1);
        if (parts.length != 3 || parts[1].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SaslPlain(parts[1], parts[2]));
    }
}
