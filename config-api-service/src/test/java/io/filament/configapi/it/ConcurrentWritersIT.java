package io.filament.configapi.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.filament.configapi.it.RunningConfigApi.Response;
import io.filament.configapi.it.RunningConfigApi.Topics;
import io.filament.testsupport.LocalInfrastructure;
import io.filament.testsupport.LocalInfrastructureTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Two config-api instances against one keyspace, hammered concurrently. */
@LocalInfrastructureTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentWritersIT {

    private final LocalInfrastructure infra;
    private final Topics topics;
    private RunningConfigApi first;
    private RunningConfigApi second;

    ConcurrentWritersIT(LocalInfrastructure infra) {
        this.infra = infra;
        this.topics = Topics.unique(infra);
    }

    @BeforeAll
    void start() {
        String keyspace = infra.uniqueKeyspace("config_concurrent");
        first = RunningConfigApi.start(infra, infra.kafkaBootstrapServers(), keyspace, topics, Map.of());
        second = RunningConfigApi.start(infra, infra.kafkaBootstrapServers(), keyspace, topics, Map.of());
    }

    @AfterAll
    void stop() {
        first.close();
        second.close();
    }

    private RunningConfigApi instance(int i) {
        return i % 2 == 0 ? first : second;
    }

    private <T> List<T> concurrently(int count, java.util.function.IntFunction<T> task) throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> task.apply(n)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        }
    }

    @Test
    void twoHundredConcurrentInstanceIpsGetDistinctValidAddressesAndTheSubnetThenReportsExhaustion()
            throws Exception {
        first.create("project", "{\"fq_name\": [\"default-domain\", \"ipam-race\"]}");
        String vn = first.create("virtual-network", "{\"fq_name\": [\"default-domain\", \"ipam-race\", \"net\"], "
                + "\"network_ipam_refs\": [{\"to\": [\"default-domain\", \"default-project\", \"default-network-ipam\"],"
                + " \"attr\": {\"ipam_subnets\": [{\"subnet\": {\"ip_prefix\": \"10.50.0.0\", \"ip_prefix_len\": 24}}]}}]}");
        String body = "{\"instance-ip\": {\"virtual_network_refs\": [{\"uuid\": \"" + vn + "\"}]}}";

        List<Response> responses = concurrently(200, i -> instance(i).post("/instance-ips", body));

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(201));
        Set<String> addresses = new HashSet<>();
        responses.forEach(r -> addresses.add(r.json().at("/instance-ip/instance_ip_address").asString()));
        assertThat(addresses).hasSize(200).allSatisfy(a -> {
            assertThat(a).startsWith("10.50.0.");
            int host = Integer.parseInt(a.substring("10.50.0.".length()));
            assertThat(host).isBetween(1, 252);
        });
        int created = 200;
        Response last = null;
        for (int i = 0; i < 60; i++) {
            last = instance(i).post("/instance-ips", body);
            if (last.status() != 201) {
                break;
            }
            addresses.add(last.json().at("/instance-ip/instance_ip_address").asString());
            created++;
        }
        assertThat(created).isEqualTo(252);
        assertThat(addresses).hasSize(252);
        assertThat(last.status()).isEqualTo(409);
        assertThat(last.body()).contains("subnet exhausted").contains("10.50.0.0/24");

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            PublishedEvents events = PublishedEvents.read(infra.kafkaBootstrapServers(), topics.events());
            assertThat(events.byObject.values().stream()
                    .filter(e -> e.getFirst().get("type").asString().equals("instance-ip")).count()).isEqualTo(252);
        });
        PublishedEvents.read(infra.kafkaBootstrapServers(), topics.events()).assertOncePerVersionInOrderWithHeaders();
    }

    @Test
    void twentyConcurrentCreatesOfOneFqNameGiveExactlyOneCreated() throws Exception {
        first.create("project", "{\"fq_name\": [\"default-domain\", \"name-race\"]}");
        String body = "{\"virtual-network\": {\"fq_name\": [\"default-domain\", \"name-race\", \"same\"]}}";

        List<Response> responses = concurrently(20, i -> instance(i).post("/virtual-networks", body));

        assertThat(responses.stream().filter(r -> r.status() == 201)).hasSize(1);
        assertThat(responses.stream().filter(r -> r.status() == 409))
                .hasSize(19).allSatisfy(r -> assertThat(r.body()).contains("already exists"));
        String winner = responses.stream().filter(r -> r.status() == 201).findFirst().orElseThrow().json()
                .at("/virtual-network/uuid").asString();
        assertThat(second.post("/fqname-to-id", "{\"type\": \"virtual-network\", \"fq_name\": [\"default-domain\", "
                + "\"name-race\", \"same\"]}").json().get("uuid").asString()).isEqualTo(winner);
        assertThat(first.get("/virtual-networks?parent_fq_name_str=default-domain:name-race&count=true").json()
                .at("/virtual-networks/count").asInt()).isEqualTo(1);
        assertThat(first.get("/routing-instances?parent_id=" + winner + "&count=true").json()
                .at("/routing-instances/count").asInt()).isEqualTo(1);
    }

    @Test
    void concurrentUpdatesOfOneObjectAreAllAppliedWithConsecutiveVersions() throws Exception {
        first.create("project", "{\"fq_name\": [\"default-domain\", \"update-race\"]}");
        String vn = first.create("virtual-network", "{\"fq_name\": [\"default-domain\", \"update-race\", \"n\"]}");
        List<String> policies = concurrently(10, i -> instance(i).create("network-policy",
                "{\"fq_name\": [\"default-domain\", \"update-race\", \"p" + i + "\"]}"));

        List<Response> responses = concurrently(10, i -> instance(i).post("/ref-update", "{\"type\": "
                + "\"virtual-network\", \"uuid\": \"" + vn + "\", \"ref-type\": \"network-policy\", \"ref-uuid\": \""
                + policies.get(i) + "\", \"operation\": \"ADD\", \"attr\": {\"sequence\": {\"major\": " + i
                + ", \"minor\": 0}}}"));

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(200));
        Response network = second.get("/virtual-network/" + vn);
        assertThat(network.json().at("/virtual-network/network_policy_refs")).hasSize(10);
        assertThat(network.etag()).isEqualTo("\"11\"");
        // each instance publishes its own commits as they finish, not in version order: the relay must still put the
        // eleven versions on Kafka once each and in order, and leave version 11 as the network's last snapshot
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(PublishedEvents.read(
                infra.kafkaBootstrapServers(), topics.events()).byObject.get(vn)).hasSize(11));
        PublishedEvents.read(infra.kafkaBootstrapServers(), topics.events()).assertOncePerVersionInOrderWithHeaders();
        List<ConsumerRecord<String, byte[]>> snapshots = TopicReader.readAll(infra.kafkaBootstrapServers(),
                topics.snapshots()).stream().filter(r -> r.key().equals("virtual-network/" + vn)).toList();
        assertThat(snapshots).extracting(r -> RunningConfigApi.JSON.readTree(r.value()).get("version").asLong())
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
    }
}
