package io.filament.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the checkout's root (the directory holding {@code bin/filament}) from the test's working directory. */
public final class RepositoryRoot {

    private RepositoryRoot() {
    }

    /** The repository root; fails with the searched path when the tests do not run inside a checkout. */
    public static Path find() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("bin/filament")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no bin/filament found in " + start + " or any parent directory");
    }
}
