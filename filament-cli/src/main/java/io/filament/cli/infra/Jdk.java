package io.filament.cli.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A JDK found on this machine. Filament runs on JDK 25; Cassandra 5.0 runs only on JDK 11 or 17.
 * The locations can be overridden with {@code FILAMENT_JDK25} and {@code FILAMENT_JDK17}.
 */
public record Jdk(int feature, Path home) {

    private static final Path JVM_DIR = Path.of("/usr/lib/jvm");

    public Path java() {
        return home.resolve("bin/java");
    }

    /** Finds the JDK of the given feature release or fails naming the paths it looked at. */
    public static Jdk require(int feature) {
        String override = System.getenv("FILAMENT_JDK" + feature);
        Path[] candidates = override != null
                ? new Path[] {Path.of(override)}
                : new Path[] {
                    JVM_DIR.resolve("temurin-" + feature + "-jdk-amd64"),
                    JVM_DIR.resolve("java-" + feature + "-openjdk-amd64"),
                    JVM_DIR.resolve("temurin-" + feature + "-jdk"),
                    JVM_DIR.resolve("java-" + feature + "-openjdk")};
        for (Path home : candidates) {
            if (Files.isExecutable(home.resolve("bin/java"))) {
                return new Jdk(feature, home);
            }
        }
        throw new InfraException("JDK " + feature + " not found (looked at " + String.join(", ",
                java.util.Arrays.stream(candidates).map(Path::toString).toList())
                + "); install it or set FILAMENT_JDK" + feature);
    }
}
