package io.filament.cli.stack;

import io.filament.cli.infra.InfraException;
import io.filament.cli.infra.Workspace;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The real Debian Prometheus as the stack runs it: started from a scrape configuration in its own workspace,
 * ready, answering instant queries for what it scraped (here its own metrics), rejecting a bad query with its
 * error, and gone after stop.
 */
class PrometheusNodeIT {

    @TempDir
    Path root;

    private PrometheusNode prometheus;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @AfterEach
    void stop() {
        if (prometheus != null) {
            prometheus.process().stop(Duration.ofSeconds(20));
        }
    }

    @Test
    void scrapesItsTargetsAndAnswersInstantQueries() throws Exception {
        int port = freePort();
        Path config = root.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: self
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """.formatted(port));
        prometheus = new PrometheusNode(new Workspace(root), config, "127.0.0.1", port);

        prometheus.start();
        await().atMost(Duration.ofSeconds(60)).until(prometheus::answers);

        assertThat(prometheus.describe()).startsWith("prometheus 2.");
        List<PrometheusQuery.Sample> up = prometheus.query().awaitSeries("up{job=\"self\"} == 1", Duration.ofSeconds(60),
                Clock.systemUTC());
        assertThat(up).singleElement().satisfies(s -> {
            assertThat(s.labels()).containsEntry("instance", "127.0.0.1:" + port);
            assertThat(s.value()).isEqualTo(1.0);
        });
        assertThat(prometheus.query().instant("filament_no_such_metric")).isEmpty();
        assertThatThrownBy(() -> prometheus.query().instant("sum(")).isInstanceOf(InfraException.class)
                .hasMessageContaining("sum(");
        try (var tsdb = Files.list(new Workspace(root).data("prometheus"))) {
            assertThat(tsdb).isNotEmpty();
        }

        assertThat(prometheus.process().stop(Duration.ofSeconds(20))).isTrue();
        assertThat(prometheus.process().running()).isEmpty();
        assertThat(prometheus.answers()).isFalse();
    }

    @Test
    void refusesToStartWithoutItsScrapeConfiguration() throws Exception {
        PrometheusNode missing = new PrometheusNode(new Workspace(root), root.resolve("absent.yml"), "127.0.0.1",
                freePort());

        assertThatThrownBy(missing::start).isInstanceOf(InfraException.class).hasMessageContaining("absent.yml");
        assertThat(missing.process().running()).isEmpty();
    }
}
