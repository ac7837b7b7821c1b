package io.filament.agent.app;

import io.filament.agent.VrouterAgentApplication;
import io.filament.agent.port.PortApiConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole agent application with no control node, no dataplane and no broker reachable: it starts, reports
 * healthy with the XMPP state as detail, serves the port API on its own listener (and only there), persists
 * ports and shows them in introspection.
 */
class AgentApplicationIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path root;

    private static HttpResponse<String> call(String method, String url, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json");
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.method(method, HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void startsHeadlessServesThePortApiAndIntrospection() throws Exception {
        try (ConfigurableApplicationContext app = SpringApplication.run(VrouterAgentApplication.class,
                "--server.address=127.0.0.1", "--server.port=0", "--filament.root=" + root,
                "--filament.host.name=apphost", "--filament.host.fabric-address=127.0.0.91",
                "--filament.port-api.address=127.0.0.1", "--filament.port-api.port=0",
                "--filament.control-nodes=127.0.0.1:1", "--filament.kafka.bootstrap-servers=127.0.0.1:1",
                "--filament.kafka.send-timeout=1s", "--spring.main.banner-mode=off")) {
            int main = ((WebServerApplicationContext) app).getWebServer().getPort();
            int portApi = app.getBean(PortApiConnector.class).localPort();
            String mgmt = "http://127.0.0.1:" + main;
            String ports = "http://127.0.0.1:" + portApi;

            HttpResponse<String> health = call("GET", mgmt + "/actuator/health", null);
            assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"headless\":true");

            String id = "5f6b6f0c-5b1d-4a55-bf5a-3c0a6f3a0e01";
            String body = "{\"id\":\"" + id + "\",\"instance-id\":\"2d308482-6b6e-4d3e-9f0e-1e1d2c3b4a59\","
                    + "\"vn-id\":\"\",\"vm-project-id\":\"\",\"ip-address\":\"10.1.1.3\",\"ip6-address\":\"\","
                    + "\"mac-address\":\"02:5f:6b:6f:0c:5b\",\"system-name\":\"tap5f6b6f0c-5b\",\"display-name\":\"vm1\","
                    + "\"rx-vlan-id\":-1,\"tx-vlan-id\":-1,\"type\":0,\"netns\":\"vm1\",\"ifname\":\"eth0\"}";
            assertThat(call("POST", ports + "/port", body).statusCode()).isEqualTo(200);
            HttpResponse<String> bad = call("POST", ports + "/port", body.replace("10.1.1.3", "10.1.1.300"));
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("\"field\":\"ip-address\"").contains("10.1.1.300");
            assertThat(call("GET", ports + "/port/" + id, null).body()).contains("\"system-name\":\"tap5f6b6f0c-5b\"");
            assertThat(Files.exists(root.resolve("var/agent-apphost/ports").resolve(id))).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> call("GET", mgmt + "/interfaces", null).body()
                    .contains("\"tap\":\"tap5f6b6f0c-5b\""));
            assertThat(call("GET", mgmt + "/port/" + id, null).statusCode()).isEqualTo(404);
            assertThat(call("GET", ports + "/interfaces", null).statusCode()).isEqualTo(404);
            String metrics = call("GET", mgmt + "/actuator/prometheus", null).body();
            assertThat(metrics).contains("filament_vrouter_xmpp_peers")
                    .contains("filament_vrouter_recompute_seconds_bucket{application=\"vrouter-agent\",le=\"0.005\"}")
                    .containsPattern("filament_vrouter_recompute_seconds_count\\{[^}]*\\} [1-9]");

            assertThat(call("DELETE", ports + "/port/" + id, null).statusCode()).isEqualTo(200);
            assertThat(call("GET", ports + "/ports", null).body()).isEqualTo("[]");
            assertThat(call("DELETE", ports + "/port/" + id, null).statusCode()).isEqualTo(404);
        }
    }
}
