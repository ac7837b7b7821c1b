package io.filament.agent.dhcp.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Frames captured from BusyBox udhcpc/udhcpd, and frames of ours checked with Wireshark; see dhcp/README.md. */
public final class GoldenPackets {

    private GoldenPackets() {
    }

    public static byte[] frame(String name) {
        try (InputStream in = GoldenPackets.class.getResourceAsStream("/dhcp/" + name + ".hex")) {
            if (in == null) {
                throw new IllegalStateException("missing golden packet /dhcp/" + name + ".hex");
            }
            return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
