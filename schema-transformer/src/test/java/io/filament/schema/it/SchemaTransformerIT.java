package io.filament.schema.it;

import static io.filament.schema.fixtures.ConfigSnapshots.network;
import static io.filament.schema.fixtures.ConfigSnapshots.policy;
import static io.filament.schema.fixtures.ConfigSnapshots.port;
import static io.filament.schema.fixtures.ConfigSnapshots.rule;
import static io.filament.schema.fixtures.ConfigSnapshots.subnet;
import static io.filament.schema.fixtures.ConfigSnapshots.vn;
import static io.filament.schema.fixtures.ConfigSnapshots.withUuid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.filament.schema.fixtures.ConfigSnapshots.Policy;
import io.filament.testsupport.LocalInfrastructure;
import io.filament.testsupport.LocalInfrastructureTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The packaged transformer against the real Kafka and Cassandra, fed config snapshots in the shared format. */
@LocalInfrastructureTest
class SchemaTransformerIT {

    private static TestTopics topics;
    private static String keyspace;
    private static TransformerJvm transformer;
    private static ConfigFeeder feeder;
    private static TopicWatcher desired;
    private static TopicWatcher deadLetters;

    @BeforeAll
    static void start(LocalInfrastructure infrastructure) {
        topics = TestTopics.create(infrastructure);
        keyspace = infrastructure.uniqueKeyspace("schema_it");
        transformer = TransformerJvm.start("schema-it", topics, keyspace).awaitActive();
        feeder = new ConfigFeeder(topics);
        desired = new TopicWatcher(topics.bootstrapServers(), topics.desired());
        deadLetters = new TopicWatcher(topics.bootstrapServers(), topics.deadLetter());
        // One network through the whole path first: connections, prepared statements and JIT are warm before any
        // test measures a latency.
        String warmUp = unique("warm-up");
        feeder.send(network(UUID.randomUUID().toString(), 1, warmUp, 100));
        await("warm-up network").atMost(Duration.ofSeconds(60))
                .until(() -> desired.value(instanceKey(warmUp)).isPresent());
    }

    @AfterAll
    static void stop(LocalInfrastructure infrastructure) {
        for (AutoCloseable closeable : new AutoCloseable[] {deadLetters, desired, feeder, transformer}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        topics.cleanUp(infrastructure, keyspace);
    }

    private static String unique(String base) {
        return base + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String instanceKey(String name) {
        return "routing-instance/default-domain:demo:" + name + ":" + name;
    }

    private static JsonNode awaitRecord(String key) {
        await(key).atMost(Duration.ofSeconds(20)).until(() -> desired.value(key).isPresent());
        return DesiredJson.parse(desired.value(key).orElseThrow());
    }

    @Test
    void givesANewNetworkAnInstanceAndATargetFromEightMillionWithinASecond() {
        String name = unique("red");
        feeder.send(network(UUID.randomUUID().toString(), 1, name, 101));
        long acknowledged = System.nanoTime();

        await().atMost(Duration.ofSeconds(1)).until(() -> desired.value(instanceKey(name)).isPresent());

        JsonNode instance = DesiredJson.parse(desired.value(instanceKey(name)).orElseThrow());
        String target = instance.path("route_target").stringValue();
        assertThat(target).startsWith("target:64512:");
        assertThat(Long.parseLong(target.substring("target:64512:".length()))).isGreaterThanOrEqualTo(8_000_000);
        assertThat(DesiredJson.strings(instance.path("import_route_targets"))).containsExactly(target);
        assertThat(instance.path("vni").intValue()).isEqualTo(101);
        assertThat(awaitRecord("route-target/" + target).path("routing_instance").stringValue())
                .isEqualTo("default-domain:demo:" + name + ":" + name);
        var arrival = desired.seen().stream().filter(s -> s.key().equals(instanceKey(name))).findFirst().orElseThrow();
        assertThat(Duration.ofNanos(arrival.seenNanos() - acknowledged)).isLessThan(Duration.ofSeconds(1));
        assertThat(arrival.headers()).containsEntry("ce_type", "io.filament.desired.routing-instance.updated")
                .containsEntry("ce_specversion", "1.0");
    }

    @Test
    void connectsMutuallyAllowingNetworksAndDisconnectsWhenOnePolicyIsDetached() {
        String red = unique("red");
        String blue = unique("blue");
        String redUuid = UUID.randomUUID().toString();
        String blueUuid = UUID.randomUUID().toString();
        Policy redPolicy = Policy.of(UUID.randomUUID().toString(), "demo", red + "-policy");
        Policy bluePolicy = Policy.of(UUID.randomUUID().toString(), "demo", blue + "-policy");
        feeder.send(policy(redPolicy.uuid(), 1, "demo", red + "-policy",
                List.of(rule("<>", "any", vn("local"), vn("default-domain:demo:" + blue), "pass"))));
        feeder.send(policy(bluePolicy.uuid(), 1, "demo", blue + "-policy",
                List.of(rule("<>", "any", vn("local"), vn("default-domain:demo:" + red), "pass"))));
        feeder.send(network(redUuid, 1, red, 102, redPolicy));
        feeder.send(network(blueUuid, 1, blue, 103, bluePolicy));

        String redInstance = "default-domain:demo:" + red + ":" + red;
        String blueInstance = "default-domain:demo:" + blue + ":" + blue;
        String connection = "connection/" + (redInstance.compareTo(blueInstance) < 0
                ? redInstance + "," + blueInstance : blueInstance + "," + redInstance);
        awaitRecord(connection);
        await().atMost(Duration.ofSeconds(10)).until(() -> DesiredJson.strings(
                awaitRecord(instanceKey(red)).path("import_route_targets")).size() == 2);
        JsonNode redRecord = awaitRecord(instanceKey(red));
        JsonNode blueRecord = awaitRecord(instanceKey(blue));
        String redTarget = redRecord.path("route_target").stringValue();
        String blueTarget = blueRecord.path("route_target").stringValue();
        assertThat(DesiredJson.strings(redRecord.path("import_route_targets"))).contains(redTarget, blueTarget);
        assertThat(DesiredJson.strings(blueRecord.path("import_route_targets"))).contains(redTarget, blueTarget);
        assertThat(DesiredJson.strings(redRecord.path("connections"))).containsExactly(blueInstance);

        feeder.send(network(blueUuid, 2, blue, 103));

        await().atMost(Duration.ofSeconds(10)).until(() -> desired.value(connection).isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> DesiredJson.strings(
                awaitRecord(instanceKey(red)).path("import_route_targets")).equals(List.of(redTarget)));
        assertThat(DesiredJson.strings(awaitRecord(instanceKey(blue)).path("import_route_targets")))
                .containsExactly(blueTarget);
    }

    @Test
    void makesNoConnectionFromAOneSidedPolicy() {
        String red = unique("red");
        String blue = unique("blue");
        Policy redPolicy = Policy.of(UUID.randomUUID().toString(), "demo", red + "-policy");
        feeder.send(network(UUID.randomUUID().toString(), 1, blue, 104));
        feeder.send(network(UUID.randomUUID().toString(), 1, red, 105, redPolicy));
        feeder.send(policy(redPolicy.uuid(), 1, "demo", red + "-policy",
                List.of(rule("<>", "any", vn("local"), vn("default-domain:demo:" + blue), "pass"))));

        // The ACL is published in the same batch as any connection would be, and after it (keys are ordered).
        awaitRecord("network-acl/default-domain:demo:" + red + ":" + red);
        assertThat(desired.seen()).noneMatch(seen -> seen.key().startsWith("connection/")
                && seen.key().contains(red) && seen.key().contains(blue));
        assertThat(DesiredJson.strings(awaitRecord(instanceKey(red)).path("connections"))).isEmpty();
    }

    @Test
    void expandsPolicyRulesIntoTheNetworkAclAsTfDoes() {
        String name = unique("acl");
        String fq = "default-domain:demo:" + name;
        Policy policy = Policy.of(UUID.randomUUID().toString(), "demo", name + "-policy");
        feeder.send(network(UUID.randomUUID().toString(), 1, name, 106, policy));
        feeder.send(policy(policy.uuid(), 1, "demo", name + "-policy", List.of(
                withUuid(rule("<>", "tcp", List.of(vn("local")), List.of(port(-1, -1)), List.of(vn("any")),
                        List.of(port(22, 22)), "pass"), "r1"),
                withUuid(rule(">", "udp", List.of(subnet("10.9.0.0", 16)), List.of(port(1000, 2000)),
                        List.of(vn("local")), List.of(port(53, 53)), "pass"), "r2"),
                withUuid(rule(">", "icmp", vn("any"), vn("local"), "deny"), "r3"))));

        JsonNode acl = awaitRecord("network-acl/" + fq + ":" + name);

        List<String> entries = new java.util.ArrayList<>();
        acl.path("acl_rule").forEach(rule -> entries.add(DesiredJson.aclEntry(rule)));
        assertThat(entries).containsExactly(
                "6 " + fq + "[-1..-1] > any[22..22] pass",
                "6 any[22..22] > " + fq + "[-1..-1] pass",
                "17 10.9.0.0/16[1000..2000] > " + fq + "[53..53] pass",
                "1 any[-1..-1] > " + fq + "[-1..-1] deny",
                "any " + fq + "[0..65535] > " + fq + "[0..65535] pass",
                "any any[0..65535] > any[0..65535] deny");
        List<String> ids = new java.util.ArrayList<>();
        acl.path("acl_rule").forEach(rule -> ids.add(rule.path("rule_uuid").stringValue()));
        assertThat(ids).containsExactly("r1", "r1", "r2", "r3",
                "00000000-0000-0000-0000-100000000001", "00000000-0000-0000-0000-100000000002");
        assertThat(acl.path("derived_from").path("network-policy/" + policy.uuid()).intValue()).isEqualTo(1);
    }

    @Test
    void sendsAnUnparseableRecordToTheDeadLetterTopicAndCarriesOn() {
        String key = "virtual-network/" + UUID.randomUUID();
        feeder.sendRaw(key, "{\"type\":\"virtual-network\",".getBytes(StandardCharsets.UTF_8));
        String name = unique("after-bad");
        feeder.send(network(UUID.randomUUID().toString(), 1, name, 107));

        awaitRecord(instanceKey(name));
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters.seen().stream().anyMatch(s -> s.key().equals(key)));
        var letter = deadLetters.seen().stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow();
        assertThat(letter.value()).isEqualTo("{\"type\":\"virtual-network\",");
        assertThat(letter.headers().get("x-filament-dlq-reason")).startsWith("value=").contains("not JSON");
        assertThat(letter.headers().get("x-filament-dlq-origin")).startsWith(topics.config() + "/0/");
        await().atMost(Duration.ofSeconds(10)).until(() -> transformer.prometheus().lines()
                .anyMatch(line -> line.startsWith("filament_schema_dlq_records_total") && !line.endsWith(" 0.0")));
    }
}
