package io.filament.analytics.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.filament.analytics.fixtures.FlowRecords;
import io.filament.analytics.fixtures.RecordProducer;
import io.filament.analytics.fixtures.RunningAnalytics;
import io.filament.testsupport.LocalInfrastructure;
import io.filament.testsupport.LocalInfrastructureTest;

/**
 * Every metric a dashboard panel or variable queries is exported by a running service. The analytics
 * service is scraped for real; the Spring Boot built-ins it exports (http_server_requests, jvm, process) are the
 * same every service exports (DashboardFilesTest checks they all expose Prometheus), and {@code up} is
 * Prometheus' own.
 */
@LocalInfrastructureTest
class DashboardMetricsIT {

    private static final Set<String> PROMETHEUS_OWN = Set.of("up");

    @Test
    void everyMetricThatAPanelQueriesIsExported(LocalInfrastructure infra) throws Exception {
        RunningAnalytics.Names names = RunningAnalytics.Names.unique(infra, "dash");
        try (RunningAnalytics analytics = RunningAnalytics.start(infra, names, Map.of());
             RecordProducer producer = new RecordProducer(infra.kafkaBootstrapServers())) {
            producer.flow(names.flowTopic(), "host1", FlowRecords.body("host1", "default-domain:demo:red",
                    "default-domain:demo:blue", 1, 80, "pass", RecordProducer.nowMicros(), 100));
            producer.flush();
            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(analytics.get("/actuator/prometheus").body())
                    .contains("filament_analytics_flow_records_total{"));

            Set<String> exported = Arrays.stream(analytics.get("/actuator/prometheus").body().split("\n"))
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));

            for (Path file : DashboardFiles.dashboards()) {
                for (String query : DashboardFiles.queries(DashboardFiles.read(file))) {
                    for (String metric : DashboardFiles.metricNames(query)) {
                        assertThat(exported.contains(metric) || PROMETHEUS_OWN.contains(metric))
                                .as("%s queries %s (in %s), which no service exports", file.getFileName(), metric, query)
                                .isTrue();
                    }
                }
            }
        }
    }
}
