package io.filament.dataplane.app;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of one host's dataplane ({@code filament.dataplane.*}).
 *
 * @param hostName this vrouter's name (TF: {@code default-global-system-config:<hostname>})
 * @param fabricAddress the IPv4 address tunnels start and end on; UDP 6635 and 4789 are bound on it
 * @param socketPath the agent's control socket
 * @param flowCapacity flow entries (a power of two; each flow uses two)
 * @param maxFlowsPerInterface default per-interface flow limit
 * @param flowIdleTimeout idle timeout of a forwarded flow
 * @param agingInterval how often the flow table is aged
 * @param maxControlRequestBytes largest control request accepted
 * @param fabricSourcePorts UDP sockets the fabric is sent from; each flow's entropy source port is one of theirs
 * @param pollSpin how long the packet loop keeps polling without sleeping after it last handled I/O; 0 turns it off
 */
@ConfigurationProperties("filament.dataplane")
public record DataplaneProperties(
        @DefaultValue("localhost") String hostName,
        @DefaultValue("127.0.0.1") String fabricAddress,
        @DefaultValue("/var/run/filament/dataplane.sock") Path socketPath,
        @DefaultValue("131072") int flowCapacity,
        @DefaultValue("16384") int maxFlowsPerInterface,
        @DefaultValue("180s") Duration flowIdleTimeout,
        @DefaultValue("1s") Duration agingInterval,
        @DefaultValue("1048576") int maxControlRequestBytes,
        @DefaultValue("16") int fabricSourcePorts,
        @DefaultValue("200us") Duration pollSpin) {
}
