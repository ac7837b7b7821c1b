package io.filament.control.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Route items encoded per second of CPU time on one thread: the JMH benchmark's workload, timed with the
 * thread's CPU clock so that the figure holds on a machine whose cores are shared with other work.
 *
 * <p>Usage: {@code EncoderCpuThroughput [seconds]}
 */
public final class EncoderCpuThroughput {

    private EncoderCpuThroughput() {
    }

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        RouteUpdateEncoderBenchmark workload = new RouteUpdateEncoderBenchmark();
        workload.routes();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < 200_000; i++) {
            sink += workload.encode32ItemMessage().length;
        }
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        long messages = 0;
        while (System.nanoTime() - wall0 < seconds * 1_000_000_000L) {
            for (int i = 0; i < 1000; i++) {
                sink += workload.encode32ItemMessage().length;
            }
            messages += 1000;
        }
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        long wall = System.nanoTime() - wall0;
        System.out.printf("encoded %d items in %.2f s CPU (%.2f s wall): %.0f items per CPU-second, %.0f per wall-second (checksum %d)%n",
                messages * 32, cpu / 1e9, wall / 1e9, messages * 32 / (cpu / 1e9), messages * 32 / (wall / 1e9), sink % 1000);
    }
}
