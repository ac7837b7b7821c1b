package io.filament.cli.demo;

import io.filament.cli.infra.InfraException;
import io.filament.cli.infra.Workspace;
import io.filament.cli.netns.CommandResult;
import io.filament.cli.netns.Netns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * Busybox's udhcpc run inside a VM's namespace: the workload asks the host's agent for its address, exactly
 * as a real guest does. The event script applies the lease (address, prefix, default route).
 */
public final class DhcpClient {

    private static final String SCRIPT = """
            #!/bin/sh
            # udhcpc event script: apply the lease to the interface.
            case "$1" in
              deconfig)
                ip -4 addr flush dev "$interface"
                ip link set "$interface" up
                ;;
              bound|renew)
                ip -4 addr flush dev "$interface"
                ip addr add "$ip/$mask" dev "$interface"
                if [ -n "$router" ]; then
                  set -- $router
                  ip route replace default via "$1" dev "$interface"
                fi
                ;;
            esac
            exit 0
            """;

    private static final Duration INTERFACE_WAIT = Duration.ofSeconds(30);

    private final Path script;

    public DhcpClient(Workspace workspace) {
        this.script = workspace.conf("demo").resolve("udhcpc.script");
        try {
            Workspace.ensureDirectory(script.getParent());
            Files.writeString(script, SCRIPT);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + script, e);
        }
    }

    /** Obtains a lease on {@code ifname} and returns the address configured, e.g. {@code 10.1.1.3/24}. */
    public String lease(Netns netns, String ifname) {
        if (!netns.awaitInterface(ifname, INTERFACE_WAIT)) {
            throw new InfraException(ifname + " did not appear in namespace " + netns.name() + " within "
                    + INTERFACE_WAIT.toSeconds() + " s of plugging the port (see the host's agent log)");
        }
        CommandResult result = netns.exec(Duration.ofSeconds(30), "busybox", "udhcpc", "-i", ifname, "-n", "-q",
                "-f", "-t", "5", "-T", "1", "-s", script.toString());
        if (!result.succeeded()) {
            throw new InfraException("udhcpc in " + netns.name() + " got no lease: " + result.output().strip());
        }
        return netns.ipv4Of(ifname);
    }
}
