package io.filament.contracts.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads a golden file from {@code src/test/resources/golden/} exactly as stored. */
final class GoldenFile {

    private GoldenFile() {
    }

    static byte[] bytes(String path) {
        try (InputStream in = GoldenFile.class.getResourceAsStream("/golden/" + path)) {
            if (in == null) {
                throw new IllegalStateException("golden file /golden/" + path + " is not on the test classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
