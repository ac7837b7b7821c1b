package io.filament.configapi.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import io.filament.configapi.it.RunningConfigApi.Response;
import io.filament.configapi.it.RunningConfigApi.Topics;
import io.filament.testsupport.LocalInfrastructure;
import io.filament.testsupport.LocalInfrastructureTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * What a writer that stopped half-way leaves behind does not block anybody for longer than the claim grace period
 * (3 s here): a name or address claimed by a uuid that never committed is given back, one claimed by a live object
 * never is. A uuid whose object was deleted can be used again, continuing its version sequence. A claim refused at
 * commit gives back the claims taken with it.
 */
@LocalInfrastructureTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClaimRecoveryIT {

    private static final Duration GRACE = Duration.ofSeconds(3);

    private final LocalInfrastructure infra;
    private final Topics topics;
    private final String keyspace;
    private RunningConfigApi api;
    private CqlSession cql;

    ClaimRecoveryIT(LocalInfrastructure infra) {
        this.infra = infra;
        this.topics = Topics.unique(infra);
        this.keyspace = infra.uniqueKeyspace("config_claims");
    }

    @BeforeAll
    void start() {
        api = RunningConfigApi.start(infra, infra.kafkaBootstrapServers(), keyspace, topics,
                Map.of("filament.config-api.claim-grace", GRACE.toSeconds() + "s"));
        cql = infra.cqlSession();
    }

    @AfterAll
    void stop() {
        api.close();
        cql.close();
    }

    @Test
    void aNameClaimedByAWriterThatNeverCommittedIsFreedAfterTheGracePeriod() {
        String crashedWriter = UUID.randomUUID().toString();
        cql.execute("INSERT INTO " + keyspace + ".fq_names (type, fq_name, uuid) VALUES ('project',"
                + " 'default-domain:orphaned', '" + crashedWriter + "')");
        String body = "{\"project\": {\"fq_name\": [\"default-domain\", \"orphaned\"]}}";

        Response early = api.post("/projects", body);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.body()).contains(crashedWriter);

        await().pollDelay(GRACE).atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.post("/projects", body).status()).isEqualTo(201));
        String holder = cql.execute("SELECT uuid FROM " + keyspace + ".fq_names WHERE type = 'project'"
                + " AND fq_name = 'default-domain:orphaned'").one().getString(0);
        assertThat(holder).isNotEqualTo(crashedWriter);
        assertThat(api.get("/project/" + holder).status()).isEqualTo(200);
    }

    @Test
    void aNameHeldByALiveObjectIsNeverFreedHoweverOld() {
        String live = api.create("project", "{\"fq_name\": [\"default-domain\", \"alive\"]}");
        String body = "{\"project\": {\"fq_name\": [\"default-domain\", \"alive\"]}}";

        await().pollDelay(GRACE.multipliedBy(2)).atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Response again = api.post("/projects", body);
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.body()).contains(live);
        });
        assertThat(api.get("/project/" + live).status()).isEqualTo(200);
    }

    @Test
    void anAddressClaimedByAWriterThatNeverCommittedIsFreedAfterTheGracePeriod() {
        api.create("project", "{\"fq_name\": [\"default-domain\", \"orphan-ip\"]}");
        String vn = api.create("virtual-network", "{\"fq_name\": [\"default-domain\", \"orphan-ip\", \"net\"], "
                + "\"network_ipam_refs\": [{\"to\": [\"default-domain\", \"default-project\", \"default-network-ipam\"],"
                + " \"attr\": {\"ipam_subnets\": [{\"subnet\": {\"ip_prefix\": \"10.77.0.0\", \"ip_prefix_len\": 24}}]}}]}");
        String subnet = api.get("/virtual-network/" + vn).json()
                .at("/virtual-network/network_ipam_refs/0/attr/ipam_subnets/0/subnet_uuid").asString();
        assertThat(subnet).isNotBlank();
        String crashedWriter = UUID.randomUUID().toString();
        cql.execute("INSERT INTO " + keyspace + ".address_claims (subnet_uuid, address, owner) VALUES ('" + subnet
                + "', '10.77.0.5', '" + crashedWriter + "')");
        cql.execute("INSERT INTO " + keyspace + ".subnet_addresses (subnet_uuid, address, owner) VALUES ('" + subnet
                + "', '10.77.0.5', '" + crashedWriter + "')");
        String body = "{\"instance-ip\": {\"instance_ip_address\": \"10.77.0.5\", \"virtual_network_refs\": [{\"uuid\": \""
                + vn + "\"}]}}";

        Response early = api.post("/instance-ips", body);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.body()).contains("10.77.0.5");

        await().pollDelay(GRACE).atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Response late = api.post("/instance-ips", body);
            assertThat(late.status()).isEqualTo(201);
            assertThat(late.json().at("/instance-ip/instance_ip_address").asString()).isEqualTo("10.77.0.5");
        });
        assertThat(cql.execute("SELECT owner FROM " + keyspace + ".subnet_addresses WHERE subnet_uuid = '" + subnet
                + "' AND address = '10.77.0.5'").one().getString(0)).isNotEqualTo(crashedWriter);
    }

    @Test
    void anIdRefusedAtCommitGivesBackTheNameClaimedBesideItAndTheCreateGoesThroughWithTheNextId() {
        api.create("project", "{\"fq_name\": [\"default-domain\", \"id-race\"]}");
        String first = api.create("virtual-network", "{\"fq_name\": [\"default-domain\", \"id-race\", \"a\"]}");
        long firstId = networkId(first);
        // Another writer holds the next id without the listing row the allocator reads, so this instance proposes it,
        // and its claim is refused at commit while the network's name has been claimed beside it.
        cql.execute("INSERT INTO " + keyspace + ".id_claims (pool, id, owner) VALUES ('VIRTUAL_NETWORK_ID', "
                + (firstId + 1) + ", '" + first + "')");

        String second = api.create("virtual-network", "{\"fq_name\": [\"default-domain\", \"id-race\", \"b\"]}");

        assertThat(networkId(second)).isNotIn(firstId, firstId + 1);
        assertThat(cql.execute("SELECT uuid FROM " + keyspace + ".fq_names WHERE type = 'virtual-network'"
                + " AND fq_name = 'default-domain:id-race:b'").one().getString(0)).isEqualTo(second);
        assertThat(cql.execute("SELECT owner FROM " + keyspace + ".id_claims WHERE pool = 'VIRTUAL_NETWORK_ID'"
                + " AND id = " + (firstId + 1)).one().getString(0)).isEqualTo(first);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(PublishedEvents.read(
                infra.kafkaBootstrapServers(), topics.events()).operations(second)).containsExactly("created"));
    }

    private long networkId(String uuid) {
        return api.get("/virtual-network/" + uuid).json().at("/virtual-network/virtual_network_network_id").asLong();
    }

    @Test
    void aUuidCanBeUsedAgainAfterItsObjectWasDeletedAndItsVersionsContinue() {
        api.create("project", "{\"fq_name\": [\"default-domain\", \"reuse\"]}");
        String uuid = UUID.randomUUID().toString();
        String body = "{\"virtual-network\": {\"uuid\": \"" + uuid + "\", \"fq_name\": [\"default-domain\", \"reuse\","
                + " \"net\"]}}";
        assertThat(api.post("/virtual-networks", body).status()).isEqualTo(201);
        assertThat(api.post("/virtual-networks", body).status()).as("while it exists").isEqualTo(409);
        assertThat(api.delete("/virtual-network/" + uuid).status()).isEqualTo(200);

        Response again = api.post("/virtual-networks", body);
        assertThat(again.status()).isEqualTo(201);
        assertThat(api.get("/virtual-network/" + uuid).status()).isEqualTo(200);
        assertThat(api.get("/virtual-networks?parent_fq_name_str=default-domain:reuse").body()).contains(uuid);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            PublishedEvents events = PublishedEvents.read(infra.kafkaBootstrapServers(), topics.events());
            assertThat(events.operations(uuid)).containsExactly("created", "deleted", "created");
        });
        PublishedEvents.read(infra.kafkaBootstrapServers(), topics.events()).assertOncePerVersionInOrderWithHeaders();
        List<ConsumerRecord<String, byte[]>> snapshots = TopicReader.readAll(infra.kafkaBootstrapServers(),
                topics.snapshots()).stream().filter(r -> r.key().equals("virtual-network/" + uuid)).toList();
        assertThat(snapshots).hasSize(3);
        assertThat(snapshots.get(1).value()).isNull();
        JsonNode recreated = RunningConfigApi.JSON.readTree(snapshots.getLast().value());
        assertThat(recreated.get("version").asLong()).isEqualTo(3);
    }
}
