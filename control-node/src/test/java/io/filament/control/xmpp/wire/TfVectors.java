package io.filament.control.xmpp.wire;

import io.filament.testsupport.RepositoryRoot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Tungsten Fabric's own test vectors, read in place from {@code ../shared/vectors/tf-controller/}. */
public final class TfVectors {

    private TfVectors() {
    }

    public static Path dir(String group) {
        Path dir = RepositoryRoot.find().resolve("../shared/vectors/tf-controller").resolve(group).normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("TF vectors missing at " + dir + " (shared/ must sit beside the checkout)");
        }
        return dir;
    }

    public static byte[] bytes(String group, String file) {
        try {
            return Files.readAllBytes(dir(group).resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> files(String group, String glob) {
        try (Stream<Path> s = Files.list(dir(group))) {
            List<String> names = s.map(p -> p.getFileName().toString())
                    .filter(n -> java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + glob).matches(Path.of(n)))
                    .sorted().toList();
            if (names.isEmpty()) {
                throw new IllegalStateException("no TF vectors match " + group + "/" + glob);
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
