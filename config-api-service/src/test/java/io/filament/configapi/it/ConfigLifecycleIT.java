package io.filament.configapi.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.filament.configapi.it.RunningConfigApi.Response;
import io.filament.configapi.it.RunningConfigApi.Topics;
import io.filament.configapi.outbox.OutboxRelay;
import io.filament.contracts.config.CloudEventHeaders;
import io.filament.testsupport.LocalInfrastructure;
import io.filament.testsupport.LocalInfrastructureTest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@LocalInfrastructureTest
class ConfigLifecycleIT {

    private static final String IPAM_REF = "{\"to\": [\"default-domain\", \"lifecycle\", \"ipam1\"], \"attr\": "
            + "{\"ipam_subnets\": [{\"subnet\": {\"ip_prefix\": \"10.10.1.0\", \"ip_prefix_len\": 24}}, "
            + "{\"subnet\": {\"ip_prefix\": \"fd00:10::\", \"ip_prefix_len\": 64}}]}}";

    private final LocalInfrastructure infra;
    private final String keyspace;
    private final Topics topics;
    private RunningConfigApi api;

    ConfigLifecycleIT(LocalInfrastructure infra) {
        this.infra = infra;
        this.keyspace = infra.uniqueKeyspace("config_lifecycle");
        this.topics = Topics.unique(infra);
    }

    @BeforeEach
    void start() {
        api = RunningConfigApi.start(infra, infra.kafkaBootstrapServers(), keyspace, topics,
                Map.of("filament.config-api.max-body-size", "64KB"));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void tfLifecycleGivesTheRightCodeAtEveryStepAndPublishesEveryChangeOnceInOrder() {
        Map<String, String> made = new LinkedHashMap<>();
        made.put("project", api.create("project", "{\"fq_name\": [\"default-domain\", \"lifecycle\"]}"));
        made.put("network-ipam", api.create("network-ipam",
                "{\"fq_name\": [\"default-domain\", \"lifecycle\", \"ipam1\"], \"parent_type\": \"project\"}"));
        made.put("virtual-network", api.create("virtual-network",
                "{\"fq_name\": [\"default-domain\", \"lifecycle\", \"vn1\"], \"network_ipam_refs\": [" + IPAM_REF
                        + "]}"));
        made.put("virtual-machine", api.create("virtual-machine", "{\"fq_name\": [\"vm-lifecycle\"]}"));
        String vn = made.get("virtual-network");
        made.put("virtual-machine-interface", api.create("virtual-machine-interface",
                "{\"fq_name\": [\"default-domain\", \"lifecycle\", \"port1\"], \"virtual_network_refs\": [{\"uuid\": \""
                        + vn + "\"}], \"virtual_machine_refs\": [{\"to\": [\"vm-lifecycle\"]}]}"));
        made.put("instance-ip", api.create("instance-ip", "{\"virtual_network_refs\": [{\"uuid\": \"" + vn + "\"}], "
                + "\"virtual_machine_interface_refs\": [{\"uuid\": \"" + made.get("virtual-machine-interface")
                + "\"}]}"));
        made.put("network-policy", api.create("network-policy", "{\"fq_name\": [\"default-domain\", \"lifecycle\", "
                + "\"pol1\"], \"network_policy_entries\": {\"policy_rule\": [{\"direction\": \"<>\", \"protocol\": "
                + "\"any\", \"action_list\": {\"simple_action\": \"pass\"}}]}}"));
        Response refAdd = api.post("/ref-update", "{\"type\": \"virtual-network\", \"uuid\": \"" + vn + "\", "
                + "\"ref-type\": \"network-policy\", \"ref-uuid\": \"" + made.get("network-policy") + "\", "
                + "\"operation\": \"ADD\", \"attr\": {\"sequence\": {\"major\": 0, \"minor\": 0}}}");
        assertThat(refAdd.status()).isEqualTo(200);

        JsonNode network = api.get("/virtual-network/" + vn).json().get("virtual-network");
        assertThat(network.at("/network_ipam_refs/0/attr/ipam_subnets/0/default_gateway").asString())
                .isEqualTo("10.10.1.254");
        assertThat(network.at("/network_ipam_refs/0/attr/ipam_subnets/1/default_gateway").asString())
                .isEqualTo("fd00:10::ffff:ffff:ffff:fffe");
        assertThat(network.at("/network_policy_refs/0/uuid").asString()).isEqualTo(made.get("network-policy"));
        assertThat(network.at("/routing_instances/0/to/3").asString()).isEqualTo("vn1");
        assertThat(network.get("instance_ip_back_refs")).hasSize(1);
        JsonNode ip = api.get("/instance-ip/" + made.get("instance-ip")).json().get("instance-ip");
        assertThat(ip.get("instance_ip_address").asString()).isEqualTo("10.10.1.252");

        assertThat(api.delete("/project/" + made.get("project")).status()).isEqualTo(409);
        assertThat(api.delete("/virtual-network/" + vn).status()).isEqualTo(409);
        assertThat(api.delete("/virtual-machine/" + made.get("virtual-machine")).status()).isEqualTo(409);
        assertThat(api.delete("/network-ipam/" + made.get("network-ipam")).status()).isEqualTo(409);
        assertThat(api.delete("/network-policy/" + made.get("network-policy")).status()).isEqualTo(409);

        assertThat(api.post("/ref-update", "{\"type\": \"virtual-network\", \"uuid\": \"" + vn + "\", \"ref-type\": "
                + "\"network-policy\", \"ref-fq-name\": [\"default-domain\", \"lifecycle\", \"pol1\"], "
                + "\"operation\": \"DELETE\"}").status()).isEqualTo(200);
        for (String type : List.of("network-policy", "instance-ip", "virtual-machine-interface", "virtual-machine",
                "virtual-network", "network-ipam", "project")) {
            assertThat(api.delete("/" + type + "/" + made.get(type)).status()).as("DELETE %s", type).isEqualTo(200);
            assertThat(api.get("/" + type + "/" + made.get(type)).status()).as("GET deleted %s", type).isEqualTo(404);
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            PublishedEvents events = PublishedEvents.read(infra.kafkaBootstrapServers(), topics.events());
            assertThat(events.operations(vn)).containsExactly("created", "updated", "updated", "deleted");
            made.values().forEach(uuid -> assertThat(events.operations(uuid)).last().isEqualTo("deleted"));
        });
        PublishedEvents events = PublishedEvents.read(infra.kafkaBootstrapServers(), topics.events());
        events.assertOncePerVersionInOrderWithHeaders();
        assertThat(events.operations(made.get("instance-ip"))).containsExactly("created", "deleted");
        assertThat(events.byObject.get(vn).get(1).get("changed_fields").toString()).contains("network_policy_refs");

        List<ConsumerRecord<String, byte[]>> snapshots = TopicReader.readAll(infra.kafkaBootstrapServers(),
                topics.snapshots());
        List<ConsumerRecord<String, byte[]>> ofNetwork = snapshots.stream()
                .filter(r -> r.key().equals("virtual-network/" + vn)).toList();
        assertThat(ofNetwork).hasSize(4);
        assertThat(ofNetwork.getLast().value()).isNull();
        JsonNode firstSnapshot = RunningConfigApi.JSON.readTree(ofNetwork.getFirst().value());
        assertThat(firstSnapshot.get("fq_name").toString()).isEqualTo("[\"default-domain\",\"lifecycle\",\"vn1\"]");
        assertThat(firstSnapshot.at("/object/network_ipam_refs/0/uuid").asString()).isEqualTo(made.get("network-ipam"));
        assertThat(firstSnapshot.get("object").has("href")).isFalse();
        assertThat(TopicReader.header(ofNetwork.getLast(), CloudEventHeaders.TYPE))
                .contains("io.filament.config.virtual-network.deleted");
    }

    @Test
    void badInputOfEveryKindGetsItsCodeAndMessageAndLeavesStateAndTopicsUntouched() {
        String project = api.create("project", "{\"fq_name\": [\"default-domain\", \"bad-input\"]}");
        String vn = api.create("virtual-network", "{\"fq_name\": [\"default-domain\", \"bad-input\", \"net\"], "
                + "\"network_ipam_refs\": [{\"to\": [\"default-domain\", \"default-project\", \"default-network-ipam\"],"
                + " \"attr\": {\"ipam_subnets\": [{\"subnet\": {\"ip_prefix\": \"10.20.0.0\", \"ip_prefix_len\": 24}}]}}]}");
        String ip = api.create("instance-ip", "{\"instance_ip_address\": \"10.20.0.9\", \"virtual_network_refs\": "
                + "[{\"uuid\": \"" + vn + "\"}]}");
        awaitEventsOf(ip);
        await().atMost(Duration.ofSeconds(60)).until(() -> api.bean(OutboxRelay.class).caughtUp());
        int eventsBefore = PublishedEvents.read(infra.kafkaBootstrapServers(), topics.events()).count();
        String networksBefore = api.get("/virtual-networks?detail=true").body();
        String ipsBefore = api.get("/instance-ips?detail=true").body();

        expect(api.post("/virtual-networks", "{\"virtual-network\": {\"fq_name\": [\"default-domain\""),
                400, "Malformed JSON");
        expect(api.post("/virtual-networks", "{\"virtual-network\": {\"fq_name\": [\"default-domain\", \"bad-input\", "
                + "\"x\"], \"parent_type\": \"domain\"}}"), 400, "Invalid parent_type domain");
        expect(api.post("/virtual-networks", "{\"virtual-network\": {\"fq_name\": [\"default-domain\", \"bad-input\", "
                + "\"x\"], \"virtual_network_properties\": {\"vxlan_network_identifier\": 0}}}"), 400,
                "virtual_network_properties.vxlan_network_identifier");
        expect(api.post("/virtual-networks", "{\"virtual-network\": {\"fq_name\": [\"default-domain\", \"bad-input\", "
                + "\"x\"], \"network_ipam_refs\": [{\"to\": [\"default-domain\", \"default-project\", "
                + "\"default-network-ipam\"], \"attr\": {\"ipam_subnets\": [{\"subnet\": {\"ip_prefix\": \"10.30.0.5\","
                + " \"ip_prefix_len\": 24}}]}}]}}"), 400, "host bits");
        expect(api.post("/instance-ips", "{\"instance-ip\": {\"instance_ip_address\": \"10.99.0.1\", "
                + "\"virtual_network_refs\": [{\"uuid\": \"" + vn + "\"}]}}"), 400, "outside the subnets");
        expect(api.post("/widgets", "{\"widget\": {}}"), 404, "Unknown resource collection /widgets");
        expect(api.get("/virtual-network/00000000-0000-4000-8000-000000000000"), 404, "not found");
        expect(api.post("/virtual-networks", "{\"virtual-network\": {\"fq_name\": [\"default-domain\", \"bad-input\", "
                + "\"net\"]}}"), 409, "already exists with uuid: " + vn);
        expect(api.post("/instance-ips", "{\"instance-ip\": {\"instance_ip_address\": \"10.20.0.9\", "
                + "\"virtual_network_refs\": [{\"uuid\": \"" + vn + "\"}]}}"), 409, "10.20.0.9 already in use");
        expect(api.delete("/project/" + project), 409, "children still present");
        expect(api.put("/virtual-network/" + vn, "{\"virtual-network\": {\"is_shared\": true}}", "\"7\""), 412,
                "If-Match version 7");
        expect(api.post("/virtual-networks", "{\"virtual-network\": {\"display_name\": \"" + "x".repeat(70_000)
                + "\"}}"), 413, "over the limit");
        expect(api.post("/fqname-to-id", "{\"type\": \"virtual-network\", \"fq_name\": [\"nope\"]}"), 404,
                "Name [nope] not found");

        assertThat(api.get("/virtual-networks?detail=true").body()).isEqualTo(networksBefore);
        assertThat(api.get("/instance-ips?detail=true").body()).isEqualTo(ipsBefore);
        String barrier = api.create("virtual-machine", "{\"fq_name\": [\"barrier-vm\"]}");
        awaitEventsOf(barrier);
        PublishedEvents after = PublishedEvents.read(infra.kafkaBootstrapServers(), topics.events());
        assertThat(after.count()).isEqualTo(eventsBefore + 1);
        assertThat(ip).isNotBlank();
    }

    @Test
    void restartKeepsAllStateAndNeverHandsOutAnAllocationTwice() {
        api.create("project", "{\"fq_name\": [\"default-domain\", \"restart\"]}");
        String vn = api.create("virtual-network", "{\"fq_name\": [\"default-domain\", \"restart\", \"net\"], "
                + "\"network_ipam_refs\": [{\"to\": [\"default-domain\", \"default-project\", \"default-network-ipam\"],"
                + " \"attr\": {\"ipam_subnets\": [{\"subnet\": {\"ip_prefix\": \"10.40.0.0\", \"ip_prefix_len\": 24}}]}}]}");
        String first = api.create("instance-ip", "{\"virtual_network_refs\": [{\"uuid\": \"" + vn + "\"}]}");
        String before = api.get("/virtual-network/" + vn + "?exclude_hrefs=true").body();
        long networkId = api.get("/virtual-network/" + vn).json().at("/virtual-network/virtual_network_network_id")
                .asLong();

        api.close();
        api = RunningConfigApi.start(infra, infra.kafkaBootstrapServers(), keyspace, topics, Map.of());

        assertThat(api.get("/virtual-network/" + vn + "?exclude_hrefs=true").body()).isEqualTo(before);
        String second = api.create("instance-ip", "{\"virtual_network_refs\": [{\"uuid\": \"" + vn + "\"}]}");
        assertThat(api.get("/instance-ip/" + first).json().at("/instance-ip/instance_ip_address").asString())
                .isEqualTo("10.40.0.252");
        assertThat(api.get("/instance-ip/" + second).json().at("/instance-ip/instance_ip_address").asString())
                .isEqualTo("10.40.0.251");
        String other = api.create("virtual-network", "{\"fq_name\": [\"default-domain\", \"restart\", \"net2\"]}");
        assertThat(api.get("/virtual-network/" + other).json().at("/virtual-network/virtual_network_network_id")
                .asLong()).isNotEqualTo(networkId);
        assertThat(api.get("/virtual-networks?parent_fq_name_str=default-domain:restart&count=true").json()
                .at("/virtual-networks/count").asInt()).isEqualTo(2);
    }

    @Test
    void listingHonoursTfQueryParametersAndTheHomepageNamesEveryCollection() {
        String project = api.create("project", "{\"fq_name\": [\"default-domain\", \"listing\"]}");
        String a = api.create("virtual-network", "{\"fq_name\": [\"default-domain\", \"listing\", \"a\"], "
                + "\"is_shared\": true}");
        String b = api.create("virtual-network", "{\"fq_name\": [\"default-domain\", \"listing\", \"b\"]}");
        String port = api.create("virtual-machine-interface", "{\"fq_name\": [\"default-domain\", \"listing\", "
                + "\"p\"], \"virtual_network_refs\": [{\"uuid\": \"" + b + "\"}]}");
        String mine = "parent_id=" + project;

        assertThat(api.get("/virtual-networks?" + mine + "&count=true").json().at("/virtual-networks/count").asInt())
                .isEqualTo(2);
        assertThat(uuids(api.get("/virtual-networks?" + mine + "&filters=is_shared==true").json()))
                .containsExactly(a);
        assertThat(uuids(api.get("/virtual-machine-interfaces?back_ref_id=" + b).json())).containsExactly(port);
        assertThat(uuids(api.get("/virtual-networks?obj_uuids=" + b + "," + a).json())).containsExactlyInAnyOrder(a, b);
        assertThat(uuids(api.get("/virtual-networks?fq_names=default-domain:listing:b").json())).containsExactly(b);
        JsonNode firstPage = api.get("/virtual-networks?" + mine + "&page_limit=1").json();
        assertThat(firstPage.get("virtual-networks")).hasSize(1);
        JsonNode secondPage = api.get("/virtual-networks?" + mine + "&page_limit=1&page_marker="
                + firstPage.get("marker").asString()).json();
        assertThat(uuids(secondPage)).doesNotContainAnyElementsOf(uuids(firstPage)).hasSize(1);
        JsonNode detail = api.get("/virtual-networks?" + mine + "&detail=true&fields=is_shared").json();
        assertThat(detail.at("/virtual-networks/0/virtual-network/uuid").asString()).isNotBlank();
        assertThat(detail.at("/virtual-networks/0/virtual-network").has("id_perms")).isFalse();
        JsonNode read = api.get("/virtual-network/" + b + "?fields=virtual_machine_interface_back_refs").json();
        assertThat(read.at("/virtual-network/virtual_machine_interface_back_refs/0/uuid").asString()).isEqualTo(port);
        assertThat(api.get("/").body()).contains("/virtual-networks").contains("/instance-ips")
                .contains("/fqname-to-id").contains("/ref-update");
        assertThat(api.post("/id-to-fqname", "{\"uuid\": \"" + a + "\"}").json().get("type").asString())
                .isEqualTo("virtual-network");
        RunningConfigApi.Response etagged = api.get("/virtual-network/" + a);
        assertThat(etagged.etag()).isEqualTo("\"1\"");
    }

    private static List<String> uuids(JsonNode list) {
        List<String> out = new java.util.ArrayList<>();
        list.propertyNames().stream().filter(n -> !n.equals("marker")).findFirst()
                .ifPresent(n -> list.get(n).forEach(i -> out.add(i.get("uuid").asString())));
        return out;
    }

    private void awaitEventsOf(String uuid) {
        await().atMost(Duration.ofSeconds(60)).until(() ->
                PublishedEvents.read(infra.kafkaBootstrapServers(), topics.events()).byObject.containsKey(uuid));
    }

    private static void expect(Response response, int status, String message) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains(message);
    }
}
