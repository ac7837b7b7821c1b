package io.filament.dataplane.packet.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Loads the golden frames under {@code src/test/resources/golden}. */
public final class GoldenFrames {

    private GoldenFrames() {
    }

    public static byte[] bytes(String name) {
        try (InputStream in = GoldenFrames.class.getResourceAsStream("/golden/" + name + ".hex")) {
            if (in == null) {
                throw new IllegalStateException("no golden frame " + name);
            }
            return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ByteBuf buffer(String name) {
        return Unpooled.wrappedBuffer(bytes(name));
    }
}
