package io.filament.cli.stack;

import io.filament.cli.infra.InfraException;
import java.util.Locale;
import java.util.Map;

/**
 * The garbage collector the services run with: {@code FILAMENT_GC} = {@code serial} (the default), {@code zgc},
 * {@code shenandoah} or {@code parallel}. The AOT caches are kept per collector.
 */
record ServiceGc(String name, String option) {

    private static final Map<String, String> OPTIONS = Map.of(
            "serial", "-XX:+UseSerialGC",
            "zgc", "-XX:+UseZGC",
            "shenandoah", "-XX:+UseShenandoahGC",
            "parallel", "-XX:+UseParallelGC");

    static ServiceGc fromEnvironment() {
        return named(System.getenv().getOrDefault("FILAMENT_GC", "serial"));
    }

    static ServiceGc named(String given) {
        String name = given.strip().toLowerCase(Locale.ROOT);
        String option = OPTIONS.get(name);
        if (option == null) {
            throw new InfraException("FILAMENT_GC=" + name + " is not a collector the services run with; use one of "
                    + String.join(", ", OPTIONS.keySet().stream().sorted().toList()));
        }
        return new ServiceGc(name, option);
    }
}
