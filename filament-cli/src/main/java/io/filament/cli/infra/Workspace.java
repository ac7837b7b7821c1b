package io.filament.cli.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a checkout keeps its runtime state: data under {@code var/<service>}, logs under {@code var/log},
 * pid files under {@code var/run}, generated configuration under {@code var/conf/<service>}.
 */
public record Workspace(Path root) {

    public Path data(String service) {
        return root.resolve("var").resolve(service);
    }

    public Path log(String name) {
        return root.resolve("var/log").resolve(name + ".log");
    }

    public Path pidFile(String name) {
        return root.resolve("var/run").resolve(name + ".pid");
    }

    public Path conf(String service) {
        return root.resolve("var/conf").resolve(service);
    }

    public Path secrets() {
        return root.resolve("var/secrets");
    }

    /** The jars a Maven module copied to {@code target/lib}; fails naming the build command when absent. */
    public Path jars(String module) {
        Path lib = root.resolve(module).resolve("target/lib");
        if (!Files.isDirectory(lib)) {
            throw new InfraException(lib + " is missing: build it with mvn -B -q -DskipTests package -pl " + module);
        }
        return lib;
    }

    public Path moduleJar(String module) {
        return root.resolve(module).resolve("target").resolve(module + ".jar");
    }

    public static Path ensureDirectory(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
