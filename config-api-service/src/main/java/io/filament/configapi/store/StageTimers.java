package io.filament.configapi.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Where a command's time goes: one timer per stage ({@code decide}, {@code claim}, {@code mark}, {@code append},
 * {@code project}, {@code release}), exported as {@code filament_config_command_stage_seconds{stage=…}}. Stages of
 * one command may overlap: the markers are written while the claims are taken, and a command's read tables while
 * the events that follow its first one are appended.
 */
public final class StageTimers {

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public StageTimers(MeterRegistry registry) {
        this.registry = registry;
    }

    public <T> T time(String stage, Supplier<T> body) {
        long start = System.nanoTime();
        try {
            return body.get();
        } finally {
            timer(stage).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    public void time(String stage, Runnable body) {
        time(stage, () -> {
            body.run();
            return null;
        });
    }

    /** Times a stage that runs without the caller waiting: from the call until the returned stage completes. */
    public <T> CompletableFuture<T> timeAsync(String stage, Supplier<CompletableFuture<T>> body) {
        long start = System.nanoTime();
        return body.get().whenComplete((result, failure) ->
                timer(stage).record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
    }

    private Timer timer(String stage) {
        return timers.computeIfAbsent(stage, s -> Timer.builder("filament.config.command.stage")
                .description("Time spent per stage of committing config commands").tag("stage", s)
                .publishPercentiles(0.5, 0.99).register(registry));
    }
}
