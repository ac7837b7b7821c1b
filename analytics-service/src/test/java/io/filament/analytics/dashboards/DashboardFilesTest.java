package io.filament.analytics.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class DashboardFilesTest {

    @Test
    void theFourDashboardsKeepTheirStableUids() {
        assertThat(DashboardFiles.dashboards().stream().map(DashboardFiles::read).map(d -> d.get("uid").stringValue()))
                .containsExactlyInAnyOrder("filament-fabric-overview", "filament-control-plane", "filament-vrouter",
                        "filament-config-api");
    }

    @Test
    void everyDashboardHasTemplateVariablesAndQueriesThroughThePrometheusDataSource() {
        for (Path file : DashboardFiles.dashboards()) {
            JsonNode dashboard = DashboardFiles.read(file);
            List<JsonNode> variables = dashboard.at("/templating/list").valueStream().toList();
            assertThat(variables).as(file.toString()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(variables.getFirst().get("type").stringValue()).isEqualTo("datasource");
            for (JsonNode panel : dashboard.get("panels")) {
                assertThat(panel.at("/datasource/type").stringValue()).as(panel.get("title").stringValue()).isEqualTo("prometheus");
                assertThat(panel.get("targets")).as(panel.get("title").stringValue()).isNotEmpty();
            }
            assertThat(dashboard.get("panels").valueStream().map(p -> p.get("id").intValue()).distinct().count())
                    .isEqualTo(dashboard.get("panels").size());
        }
    }

    @Test
    void extractsMetricNamesFromPromQl() {
        assertThat(DashboardFiles.metricNames(
                "sum by (uri) (rate(http_server_requests_seconds_sum{job=\"x\", uri=~\"$uri\"}[5m])) / sum(up{a=\"b\"})"))
                .containsExactlyInAnyOrder("http_server_requests_seconds_sum", "up");
        assertThat(DashboardFiles.metricNames("label_values(filament_analytics_flow_records_total, vrouter)"))
                .containsExactly("filament_analytics_flow_records_total");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({
        "config-api-service, 127.0.0.1:8082", "schema-transformer, 127.0.0.1:8087", "control-node, 127.0.0.1:8083",
        "analytics-service, 127.0.0.1:8081", "vrouter-agent, 127.0.0.11:8085", "vrouter-agent, 127.0.0.12:8085",
        "vrouter-dataplane, 127.0.0.11:8098", "vrouter-dataplane, 127.0.0.12:8098"})
    void prometheusScrapesEveryServiceOnThePortWhereItExposesPrometheus(String service, String target) throws IOException {
        String scrape = java.nio.file.Files.readString(DashboardFiles.ROOT.resolve("prometheus.yml"));
        assertThat(scrape).contains("job_name: " + service);
        String jobSection = scrape.substring(scrape.indexOf("job_name: " + service));
        int next = jobSection.indexOf("job_name:", 10);
        assertThat(next < 0 ? jobSection : jobSection.substring(0, next)).contains("\"" + target + "\"");
        String application = java.nio.file.Files.readString(DashboardFiles.ROOT.getParent()
                .resolve(service).resolve("src/main/resources/application.yml"));
        assertThat(application).containsPattern("include: [a-z,]*prometheus")
                .contains("port: " + target.substring(target.indexOf(':') + 1));
    }

    @Test
    void thePrometheusConfigurationPassesPromtool() throws IOException, InterruptedException {
        Process promtool = new ProcessBuilder("promtool", "check", "config",
                DashboardFiles.ROOT.resolve("prometheus.yml").toString()).redirectErrorStream(true).start();
        assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.exitValue()).as(output).isZero();
    }
}
