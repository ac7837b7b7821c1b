package io.filament.control;

import io.filament.contracts.status.StatusReport;
import io.filament.contracts.status.StatusTable;
import io.filament.control.rib.RoutingInstanceSpec;
import io.filament.testsupport.StatusTopicReader;
import io.filament.testsupport.LocalInfrastructure;
import io.filament.testsupport.LocalInfrastructureTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Spring Boot application: XMPP, introspection REST, Prometheus metrics, and status records on Kafka that
 * analytics' reader accepts: the agent's session Established, then Idle once it closes, and every part withdrawn
 * when the node stops.
 */
@LocalInfrastructureTest
class ControlNodeApplicationIT {

    @TempDir
    Path dir;

    @Test
    void servesIntrospectionAndReportsTheSessionEstablishedThenIdleThenWithdrawn(LocalInfrastructure infra) throws Exception {
        Path secrets = dir.resolve("xmpp-agents");
        Files.writeString(secrets, "host1:secret1\n");
        String statusTopic = infra.uniqueTopic("filament.status.v1");
        try (StatusTopicReader status = new StatusTopicReader(infra.kafkaBootstrapServers(), statusTopic);
             ConfigurableApplicationContext ctx = SpringApplication.run(ControlNodeApplication.class,
                "--server.port=0", "--filament.control-node.xmpp-port=0",
                "--filament.control-node.secrets-file=" + secrets,
                "--filament.control-node.kafka-bootstrap-servers=" + infra.kafkaBootstrapServers(),
                "--filament.control-node.config-topic=" + infra.uniqueTopic("filament.config.v1"),
                "--filament.control-node.desired-topic=" + infra.uniqueTopic("filament.desired.v1"),
                "--filament.control-node.status-topic=" + statusTopic,
                "--filament.control-node.status-period=1s")) {
            ControlNode node = ctx.getBean(ControlNode.class);
            int http = ((WebServerApplicationContext) ctx).getWebServer().getPort();
            node.config().change(g -> g.put(io.filament.control.xmpp.it.Fixtures.virtualRouter("host1"))).join();
            node.rib().applySpec(new RoutingInstanceSpec("d:p:red:red", "d:p:red", Set.of("target:1:1"), Set.of("target:1:1"))).join();

            try (var agent = io.filament.control.xmpp.it.Fixtures.smack(node.xmppAddress(), "host1", "secret1")) {
                io.filament.control.xmpp.it.Fixtures.subscribeAndPublish(agent, "d:p:red:red", "10.9.9.9/32");
                await().atMost(Duration.ofSeconds(10)).until(() -> get(http, "/routes?ri=d:p:red:red").contains("10.9.9.9/32"));

                assertThat(get(http, "/peers")).contains("\"hostname\":\"host1\"", "ESTABLISHED", "d:p:red:red");
                assertThat(get(http, "/routes?ri=d:p:red:red&prefix=10.9.9.9/32")).contains("\"reason\":\"only path\"", "source_rd");
                assertThat(get(http, "/routing-instances")).contains("target:1:1", "host1:1");
                assertThat(get(http, "/config?vrouter=host1")).contains("virtual-router:default-global-system-config:host1");
                List<String> metrics = get(http, "/actuator/prometheus").lines().toList();
                assertThat(metrics).anyMatch(l -> l.startsWith("filament_control_xmpp_sessions{") && l.endsWith(" 1.0"))
                        .anyMatch(l -> l.startsWith("filament_control_rib_paths{") && l.endsWith(" 1.0"))
                        .anyMatch(l -> l.startsWith("filament_control_routes_received_total{") && l.endsWith(" 1.0"))
                        .anyMatch(l -> l.startsWith("filament_control_route_items_sent_total{"));
                await().atMost(Duration.ofSeconds(60)).ignoreException(org.apache.kafka.common.errors.TimeoutException.class)
                        .until(() -> status.poll() && xmppState(status).equals("Established")
                                && uve(status, StatusTable.CONTROL_NODE, "control-node-1")
                                        .path("BgpRouterState").path("num_up_xmpp_peer").asLong() == 1);
                assertThat(status.reports()).extracting(StatusReport::source).containsOnly("control/control-node-1");
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> status.poll() && xmppState(status).equals("Idle"));
            ObjectNode control = uve(status, StatusTable.CONTROL_NODE, "control-node-1");
            assertThat(control.path("BgpRouterState").path("num_xmpp_peer").asLong()).isEqualTo(1);
            assertThat(control.path("BgpRouterState").path("num_up_xmpp_peer").asLong()).isZero();
            assertThat(status.reports()).noneMatch(StatusReport::deleted);
            ctx.close();
            await().atMost(Duration.ofSeconds(60)).until(() -> status.poll()
                    && status.uves().merged(StatusTable.XMPP_PEER, "host1").isEmpty()
                    && status.uves().merged(StatusTable.CONTROL_NODE, "control-node-1").isEmpty());
        }
    }

    private static ObjectNode uve(StatusTopicReader status, StatusTable table, String key) {
        return status.uves().merged(table, key).orElseGet(() -> JsonNodeFactory.instance.objectNode());
    }

    private static String xmppState(StatusTopicReader status) {
        return uve(status, StatusTable.XMPP_PEER, "host1").path("XmppPeerInfoData").path("state_info").path("state")
                .asString("");
    }

    private static String get(int port, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return r.body();
    }
}
