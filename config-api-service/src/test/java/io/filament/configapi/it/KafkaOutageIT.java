package io.filament.configapi.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.filament.configapi.it.RunningConfigApi.Topics;
import io.filament.configapi.outbox.OutboxRelay;
import io.filament.testsupport.LocalInfrastructure;
import io.filament.testsupport.LocalInfrastructureTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The outbox gets every committed change to Kafka, in order, after the broker was down while they were made. */
@LocalInfrastructureTest
class KafkaOutageIT {

    private final LocalInfrastructure infra;

    KafkaOutageIT(LocalInfrastructure infra) {
        this.infra = infra;
    }

    @Test
    void changesCommittedWhileKafkaIsDownArriveOnceAndInOrderWhenItIsBack() throws Exception {
        Topics topics = Topics.unique(infra);
        try (PrivateKafkaBroker broker = PrivateKafkaBroker.format()) {
            broker.start();
            try (RunningConfigApi api = RunningConfigApi.start(infra, broker.bootstrap(),
                    infra.uniqueKeyspace("config_outage"), topics, Map.of())) {
                api.create("project", "{\"fq_name\": [\"default-domain\", \"outage\"]}");
                String vn = api.create("virtual-network", "{\"fq_name\": [\"default-domain\", \"outage\", \"net\"], "
                        + "\"network_ipam_refs\": [{\"to\": [\"default-domain\", \"default-project\", "
                        + "\"default-network-ipam\"], \"attr\": {\"ipam_subnets\": [{\"subnet\": {\"ip_prefix\": "
                        + "\"10.60.0.0\", \"ip_prefix_len\": 24}}]}}]}");
                String ipBody = "{\"virtual_network_refs\": [{\"uuid\": \"" + vn + "\"}]}";
                List<String> ips = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    ips.add(api.create("instance-ip", ipBody));
                }
                await().atMost(Duration.ofSeconds(60)).until(() ->
                        PublishedEvents.read(broker.bootstrap(), topics.events()).byObject.keySet().containsAll(ips));
                OutboxRelay relay = api.bean(OutboxRelay.class);
                await().atMost(Duration.ofSeconds(60)).until(relay::caughtUp);

                broker.stop();
                for (int i = 0; i < 10; i++) {
                    ips.add(api.create("instance-ip", ipBody));
                }
                assertThat(api.put("/virtual-network/" + vn, "{\"virtual-network\": {\"display_name\": \"during "
                        + "outage\"}}", null).status()).isEqualTo(200);
                for (String gone : ips.subList(0, 4)) {
                    assertThat(api.delete("/instance-ip/" + gone).status()).isEqualTo(200);
                }
                await().atMost(Duration.ofSeconds(90)).until(() -> relay.failingSince().isPresent());
                assertThat(api.get("/actuator/health").body()).contains("held back");
                broker.start();

                await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                    PublishedEvents events = PublishedEvents.read(broker.bootstrap(), topics.events());
                    assertThat(events.operations(vn)).containsExactly("created", "updated");
                    ips.subList(0, 4).forEach(u -> assertThat(events.operations(u))
                            .containsExactly("created", "deleted"));
                    ips.subList(4, ips.size()).forEach(u -> assertThat(events.operations(u))
                            .containsExactly("created"));
                });
                PublishedEvents.read(broker.bootstrap(), topics.events()).assertOncePerVersionInOrderWithHeaders();
                await().atMost(Duration.ofSeconds(60)).until(() -> relay.failingSince().isEmpty());
                // what the outage held back went out through the scan of the outbox, and the relay's counter says so
                assertThat(sentByScan(api.get("/actuator/prometheus").body())).isPositive();
                assertThat(TopicReader.readAll(broker.bootstrap(), topics.snapshots()).stream()
                        .filter(r -> r.key().equals("virtual-network/" + vn))).hasSize(2);
            }
        }
    }

    private static double sentByScan(String metrics) {
        Matcher m = Pattern.compile("filament_config_relay_events_total\\{[^}]*path=\"scan\"[^}]*} (\\S+)")
                .matcher(metrics);
        assertThat(m.find()).as("filament_config_relay_events_total{path=scan} in %s", metrics).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
