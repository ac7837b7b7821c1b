package io.filament.cli.bench;

import io.filament.cli.infra.InfraException;
import io.filament.cli.netns.Netns;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * What a VM's network set-up does the moment its interface appears: watches the namespace's links over netlink
 * ({@code ip monitor link}, started before the port exists) and, when {@code eth0} shows up, hands its address and
 * default route to an {@code ip -batch} process that was started with the watch and waits on its input: no polling
 * and no process start between the appearance and the address.
 */
final class GuestAddressing implements AutoCloseable {

    private final Process monitor;
    private final Process configure;
    private volatile long appearedNanos;
    private volatile long configuredNanos;

    private GuestAddressing(Process monitor, Process configure, String commands, Netns netns) {
        this.monitor = monitor;
        this.configure = configure;
        Thread.ofPlatform().name("guest-" + netns.name()).daemon().start(() -> watch(netns, commands));
    }

    /** Starts watching {@code netns}; {@code address} with {@code prefixLength}, default route via {@code gateway}. */
    static GuestAddressing start(Netns netns, String address, int prefixLength, String gateway) {
        String commands = "addr add " + address + "/" + prefixLength + " dev eth0\nroute add default via " + gateway + "\n";
        try {
            Process configure = new ProcessBuilder("ip", "-n", netns.name(), "-batch", "-")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Process monitor = new ProcessBuilder("ip", "-n", netns.name(), "monitor", "link")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            return new GuestAddressing(monitor, configure, commands, netns);
        } catch (IOException e) {
            throw new InfraException("cannot watch the links of " + netns.name() + ": " + e.getMessage(), e);
        }
    }

    private void watch(Netns netns, String commands) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(monitor.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.contains(" eth0:")) {
                    appearedNanos = System.nanoTime();
                    try (OutputStream in = configure.getOutputStream()) {
                        in.write(commands.getBytes(StandardCharsets.US_ASCII));
                    }
                    if (configure.waitFor(10, TimeUnit.SECONDS) && configure.exitValue() == 0) {
                        configuredNanos = System.nanoTime();
                    }
                    return;
                }
            }
        } catch (IOException e) {
            // the monitor was stopped (close) before eth0 appeared: nothing to configure
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** When eth0 appeared in the namespace ({@link System#nanoTime()}), 0 if it has not. */
    long appearedNanos() {
        return appearedNanos;
    }

    /** When its address and route were in place, 0 if they are not (yet). */
    long configuredNanos() {
        return configuredNanos;
    }

    @Override
    public void close() {
        monitor.destroyForcibly();
        configure.destroyForcibly();
    }
}
