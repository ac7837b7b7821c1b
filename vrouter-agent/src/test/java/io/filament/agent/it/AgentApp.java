package io.filament.agent.it;

import io.filament.agent.VrouterAgentApplication;
import io.filament.agent.dataplane.DataplaneProgrammer;
import io.filament.agent.port.PortApiConnector;
import io.filament.agent.runtime.AgentRuntime;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The whole vrouter-agent application for one simulated host, in this JVM: its own Spring context with the port
 * API and introspection on ephemeral ports of 127.0.0.1, XMPP sessions to the given control nodes, and the
 * given dataplane socket and state directory; status records go nowhere (no broker), which the agent tolerates. Closing it stops the agent as a shutdown would; a new one on the
 * same state directory is a restarted agent.
 */
final class AgentApp implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final ConfigurableApplicationContext context;
    final String host;
    private final String management;
    private final String portApi;
    private final int portApiPort;

    private AgentApp(ConfigurableApplicationContext context, String host) {
        this.context = context;
        this.host = host;
        this.management = "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
        this.portApiPort = context.getBean(PortApiConnector.class).localPort();
        this.portApi = "http://127.0.0.1:" + portApiPort;
    }

    /** Starts an agent; {@code controlNodes} are XMPP ports on 127.0.0.1, in order of preference. */
    static AgentApp start(String host, String fabricAddress, String password, Path socket, Path state,
                          int... controlNodes) {
        List<String> nodes = new ArrayList<>();
        for (int port : controlNodes) {
            nodes.add("127.0.0.1:" + port);
        }
        ConfigurableApplicationContext context = SpringApplication.run(VrouterAgentApplication.class,
                "--server.address=127.0.0.1", "--server.port=0", "--spring.main.banner-mode=off",
                "--spring.application.name=vrouter-agent-" + host,
                "--filament.host.name=" + host, "--filament.host.fabric-address=" + fabricAddress,
                "--filament.control-nodes=" + String.join(",", nodes), "--filament.xmpp.password=" + password,
                "--filament.xmpp.backoff-initial=200ms", "--filament.xmpp.backoff-max=1s",
                "--filament.xmpp.hold-time=9s", "--filament.xmpp.connect-timeout=5s",
                "--filament.xmpp.config-cleanup=5s", "--filament.xmpp.end-of-rib-timeout=20s",
                "--filament.dataplane.socket=" + socket, "--filament.state-directory=" + state,
                "--filament.port-api.address=127.0.0.1", "--filament.port-api.port=0",
                "--filament.kafka.bootstrap-servers=127.0.0.1:1", "--filament.kafka.send-timeout=1s",
                "--logging.level.org.apache.kafka=warn");
        return new AgentApp(context, host);
    }

    AgentRuntime runtime() {
        return context.getBean(AgentRuntime.class);
    }

    DataplaneProgrammer dataplane() {
        return context.getBean(DataplaneProgrammer.class);
    }

    /** {@code POST /port} for a VM interface whose TAP goes into {@code netns} as {@code eth0}; returns the status. */
    int plug(UUID vmi, UUID vm, String address, String mac, String tap, String netns) throws Exception {
        return call("POST", portApi + "/port", plugBody(vmi, vm, address, mac, tap, netns)).statusCode();
    }

    /**
     * {@link #plug} as a plugin sends it, over a fresh connection written by this thread, without waiting for the
     * answer (see {@link PortApiPost}).
     */
    CompletableFuture<PortApiPost.Answer> plugAsync(UUID vmi, UUID vm, String address, String mac, String tap,
                                                    String netns) throws IOException {
        return PortApiPost.send(portApiPort, plugBody(vmi, vm, address, mac, tap, netns));
    }

    private static String plugBody(UUID vmi, UUID vm, String address, String mac, String tap, String netns) {
        return "{\"id\":\"" + vmi + "\",\"instance-id\":\"" + vm + "\",\"vn-id\":\"\",\"vm-project-id\":\"\","
                + "\"ip-address\":\"" + address + "\",\"ip6-address\":\"\",\"mac-address\":\"" + mac + "\","
                + "\"system-name\":\"" + tap + "\",\"display-name\":\"" + netns + "\",\"rx-vlan-id\":-1,"
                + "\"tx-vlan-id\":-1,\"type\":0,\"netns\":\"" + netns + "\",\"ifname\":\"eth0\"}";
    }

    /** {@code DELETE /port/<uuid>}; returns the status. */
    int unplug(UUID vmi) throws Exception {
        return call("DELETE", portApi + "/port/" + vmi, null).statusCode();
    }

    /** An introspection page ({@code /interfaces}, {@code /vrfs}, {@code /routes?vrf=…}, {@code /nexthops}, {@code /xmpp}). */
    String introspect(String path) throws Exception {
        HttpResponse<String> r = call("GET", management + path, null);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " on " + host + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    String routes(String vrf) throws Exception {
        return introspect("/routes?vrf=" + URLEncoder.encode(vrf, StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> call(String method, String url, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json");
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.method(method, HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        context.close();
    }
}
