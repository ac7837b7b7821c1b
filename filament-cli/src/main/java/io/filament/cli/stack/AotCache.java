package io.filament.cli.stack;

import io.filament.cli.infra.InfraException;
import io.filament.cli.infra.Jdk;
import io.filament.cli.infra.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A service's ahead-of-time cache (JDK 25, JEP 483/514): classes loaded and linked, and profiles, recorded in one
 * run and mapped at the start of the next one, which then starts several times faster. The cache needs a class path
 * of plain jars, so the module jar is first extracted (Spring Boot's {@code jarmode=tools extract}) under
 * {@code var/aot/<service>/app}; a run without a cache records one ({@code -XX:AOTCacheOutput}), written when the
 * service stops. A rebuilt jar discards both. {@code FILAMENT_AOT=off} runs the module jar as it is.
 */
final class AotCache {

    private static final long EXTRACT_TIMEOUT_SECONDS = 120;

    private final Path dir;
    private final Path moduleJar;
    private final Jdk jdk;

    AotCache(Workspace workspace, String service, Path moduleJar, Jdk jdk) {
        this.dir = workspace.root().resolve("var/aot").resolve(service);
        this.moduleJar = moduleJar;
        this.jdk = jdk;
    }

    static boolean enabled() {
        return !"off".equalsIgnoreCase(System.getenv().getOrDefault("FILAMENT_AOT", "on"));
    }

    /** The JVM options and jar to start the service with, extracting the module jar first when it changed. */
    List<String> launch(ServiceGc gc) {
        Path extracted = dir.resolve("app").resolve(moduleJar.getFileName());
        Path cache = dir.resolve(gc.name().equals("serial") ? "app.aot" : "app-" + gc.name() + ".aot");
        if (!current(extracted)) {
            extract();
        }
        boolean usable = Files.isRegularFile(cache) && modified(cache).compareTo(modified(extracted)) > 0;
        String option = usable ? "-XX:AOTCache=" + cache : "-XX:AOTCacheOutput=" + cache;
        return List.of(option, "-Xlog:aot*=off", "-jar", extracted.toString());
    }

    private boolean current(Path extracted) {
        return Files.isRegularFile(extracted) && modified(extracted).compareTo(modified(moduleJar)) >= 0;
    }

    private void extract() {
        delete(dir);
        Workspace.ensureDirectory(dir);
        Path log = dir.resolve("extract.log");
        ProcessBuilder builder = new ProcessBuilder(jdk.java().toString(), "-Djarmode=tools", "-jar",
                moduleJar.toString(), "extract", "--destination", dir.resolve("app").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        try {
            Process extract = builder.start();
            if (!extract.waitFor(EXTRACT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                extract.destroyForcibly();
                throw new InfraException("extracting " + moduleJar + " took over " + EXTRACT_TIMEOUT_SECONDS
                        + " s, see " + log);
            }
            if (extract.exitValue() != 0) {
                throw new InfraException("extracting " + moduleJar + " failed (exit " + extract.exitValue() + "), see "
                        + log);
            }
        } catch (IOException e) {
            throw new InfraException("cannot extract " + moduleJar + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraException("interrupted while extracting " + moduleJar, e);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new InfraException("cannot read the time of " + file + ": " + e.getMessage(), e);
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new InfraException("cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }
}
