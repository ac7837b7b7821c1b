package io.filament.cli.netns;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Linux network namespace standing in for a VM or pod: created with its loopback up, commands run inside
 * it with {@code ip netns exec}, deleted with everything in it.
 */
public record Netns(String name) {

    private static final Duration IP_TIMEOUT = Duration.ofSeconds(10);

    public Netns {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}")) {
            throw new IllegalArgumentException("invalid namespace name \"" + name + "\"");
        }
    }

    public static Netns create(String name) {
        Netns netns = new Netns(name);
        if (netns.exists()) {
            netns.delete();
        }
        HostCommand.check(IP_TIMEOUT, List.of("ip", "netns", "add", name));
        HostCommand.check(IP_TIMEOUT, List.of("ip", "-n", name, "link", "set", "lo", "up"));
        return netns;
    }

    public boolean exists() {
        return Files.exists(Path.of("/var/run/netns", name));
    }

    public void delete() {
        if (exists()) {
            HostCommand.run(IP_TIMEOUT, List.of("ip", "netns", "del", name));
        }
    }

    public CommandResult exec(Duration timeout, String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        return HostCommand.run(timeout, full);
    }

    /**
     * Waits until the interface exists inside the namespace: a port is plugged asynchronously, its TAP
     * appears once the host's agent has the port's config. Returns false if it did not appear in time.
     */
    public boolean awaitInterface(String ifname, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            if (HostCommand.run(IP_TIMEOUT, List.of("ip", "-n", name, "link", "show", "dev", ifname)).succeeded()) {
                return true;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        } while (System.nanoTime() < deadline);
        return false;
    }

    /** The IPv4 address and prefix length on an interface inside the namespace, e.g. {@code 10.1.1.3/24}. */
    public String ipv4Of(String ifname) {
        String out = HostCommand.check(IP_TIMEOUT, List.of("ip", "-n", name, "-4", "-o", "addr", "show", "dev", ifname));
        for (String token : out.split("\\s+")) {
            if (token.contains("/") && Character.isDigit(token.charAt(0))) {
                return token;
            }
        }
        return "";
    }
}
