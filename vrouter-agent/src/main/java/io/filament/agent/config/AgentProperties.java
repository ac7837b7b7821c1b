package io.filament.agent.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Settings of one vRouter agent, bound from {@code filament.*}.
 *
 * @param root          workspace root; relative default paths below resolve against it
 * @param host          this host: its name is the virtual-router name and XMPP identity
 * @param controlNodes  up to two control nodes, in order of preference ({@code host:port})
 * @param xmpp          XMPP session settings and credentials
 * @param dataplane     where the dataplane's control socket is
 * @param portApi       the local port API (TF port-IPC)
 * @param stateDirectory where ports are persisted; defaults to {@code <root>/var/agent-<host>}
 * @param kafka         where status and flow records go
 */
@ConfigurationProperties("filament")
public record AgentProperties(
        @DefaultValue(".") Path root,
        Host host,
        @DefaultValue("127.0.0.1:5269") List<ControlNodeAddress> controlNodes,
        @DefaultValue Xmpp xmpp,
        @DefaultValue Dataplane dataplane,
        @DefaultValue PortApi portApi,
        Path stateDirectory,
        @DefaultValue Kafka kafka) {

    /** TF's agent talks to at most two control nodes ({@code MAX_XMPP_SERVERS}). */
    public static final int MAX_CONTROL_NODES = 2;

    public AgentProperties {
        if (host == null) {
            throw new InvalidAgentPropertyException("filament.host.name", "", "the host name is required");
        }
        if (controlNodes.isEmpty() || controlNodes.size() > MAX_CONTROL_NODES) {
            throw new InvalidAgentPropertyException("filament.control-nodes", controlNodes.toString(),
                    "one or two control nodes are required");
        }
        controlNodes = List.copyOf(controlNodes);
        if (stateDirectory == null) {
            stateDirectory = root.resolve("var").resolve("agent-" + host.name());
        }
        if (dataplane.socket() == null) {
            dataplane = dataplane.withSocket(root.resolve("var/run").resolve("dataplane-" + host.name() + ".sock"));
        }
    }

    /**
     * @param name           host name = virtual-router name ({@code default-global-system-config:<name>})
     * @param fabricAddress  the address remote hosts tunnel to, and the next hop of every route published
     */
    public record Host(String name, String fabricAddress) {
        public Host {
            if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
                throw new InvalidAgentPropertyException("filament.host.name", String.valueOf(name),
                        "must be a host name of letters, digits, '.', '_' or '-'");
            }
            if (fabricAddress == null) {
                throw new InvalidAgentPropertyException("filament.host.fabric-address", "", "is required");
            }
            FabricAddresses.requireIpv4("filament.host.fabric-address", fabricAddress);
        }
    }

    /**
     * @param domain         XMPP domain of the control nodes ({@code contrailsystems.com})
     * @param password       SASL password of this agent (user = host name), used when no password file is set
     * @param passwordFile   secrets file of {@code hostname:password} lines (the control node's format); the
     *                       line of this host gives its password
     * @param tls            whether to use STARTTLS: {@code disabled}, {@code if-possible} or {@code required}
     * @param connectTimeout TCP connect plus stream set-up and login
     * @param replyTimeout   bound on every request that waits for an answer
     * @param holdTime       TF hold time; keepalives are sent every third of it
     * @param backoffInitial first reconnect delay
     * @param backoffMax     reconnect delay cap
     * @param configCleanup  after a new config peer starts sending, config it has not re-sent by then is removed
     * @param endOfRibTimeout after a control node returns, its stale routes go at End-of-RIB or after this
     */
    public record Xmpp(@DefaultValue("contrailsystems.com") String domain,
                       @DefaultValue("filament") String password,
                       Path passwordFile,
                       @DefaultValue("disabled") TlsMode tls,
                       @DefaultValue("20s") Duration connectTimeout,
                       @DefaultValue("15s") Duration replyTimeout,
                       @DefaultValue("90s") Duration holdTime,
                       @DefaultValue("1s") Duration backoffInitial,
                       @DefaultValue("30s") Duration backoffMax,
                       @DefaultValue("30s") Duration configCleanup,
                       @DefaultValue("120s") Duration endOfRibTimeout) {
    }

    public enum TlsMode { DISABLED, IF_POSSIBLE, REQUIRED }

    /**
     * @param socket         Unix domain socket of the dataplane's control channel
     * @param requestTimeout bound on every request to the dataplane
     * @param pollInterval   how often trapped packets (DHCP) are fetched from the dataplane
     */
    public record Dataplane(Path socket, @DefaultValue("10s") Duration requestTimeout,
                            @DefaultValue("20ms") Duration pollInterval) {
        Dataplane withSocket(Path path) {
            return new Dataplane(path, requestTimeout, pollInterval);
        }
    }

    /**
     * @param address local address to bind; when unset, the fabric address of the host (a loopback address in
     *                the local stack), so that every simulated host has its own port API
     * @param port    TF's {@code PortIpcVrouterAgentPort}
     */
    public record PortApi(String address, @DefaultValue("9091") int port) {
        public PortApi {
            if (port < 0 || port > 65535) {
                throw new InvalidAgentPropertyException("filament.port-api.port", String.valueOf(port),
                        "must be within 0..65535 (0: any free port)");
            }
        }
    }

    /**
     * @param bootstrapServers Kafka bootstrap servers
     * @param sendTimeout      bound on one publish (also the producer's max block time)
     * @param statusInterval   how often the agent's status record is published
     * @param statusTopic      UVE-style status records
     * @param flowsTopic       flow records
     * @param flowInterval     how often the flow records the dataplane has queued are read and published (a flow's
     *                         first record is queued within its aging interval after setup)
     */
    public record Kafka(@DefaultValue("127.0.0.1:9092") String bootstrapServers,
                        @DefaultValue("10s") Duration sendTimeout,
                        @DefaultValue("30s") Duration statusInterval,
                        @DefaultValue("filament.status.v1") String statusTopic,
                        @DefaultValue("filament.flows.v1") String flowsTopic,
                        @DefaultValue("1s") Duration flowInterval) {
    }

    /** The address the port API binds: the configured one, or the fabric address. */
    public String portApiAddress() {
        return portApi.address() == null || portApi.address().isBlank() ? host.fabricAddress() : portApi.address();
    }
}
