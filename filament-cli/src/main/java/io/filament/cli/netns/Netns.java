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
     * Waits until the interface exists inside the namespace and is up: a port is plugged asynchronously, and its
     * TAP is moved in, renamed and then set up by the host's dataplane; an address or route added to it before it
     * is up has no connected route to lean on. Returns false if it was not up in time.
     */
    public boolean awaitInterface(String ifname, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            CommandResult link = HostCommand.run(IP_TIMEOUT,
                    List.of("ip", "-n", name, "-o", "link", "show", "dev", ifname));
            if (link.succeeded() && adminUp(link.output())) {
                return true;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        } while (System.nanoTime() < deadline);
        return false;
    }

    /** Whether a line of {@code ip -o link show} has the UP flag among its {@code <...>} flags. */
    static boolean adminUp(String linkLine) {
        int open = linkLine.indexOf('<');
        int close = linkLine.indexOf('>', open + 1);
        return open >= 0 && close > open && List.of(linkLine.substring(open + 1, close).split(",")).contains("UP");
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
