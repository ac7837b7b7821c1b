package io.filament.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.filament.analytics.fixtures.FlowRecords;
import io.filament.analytics.fixtures.RecordProducer;
import io.filament.analytics.fixtures.RunningAnalytics;
import io.filament.analytics.fixtures.StatusRecords;
import io.filament.testsupport.LocalInfrastructure;
import io.filament.testsupport.LocalInfrastructureTest;

/** Two instances in one consumer group split the partitions; each still serves every UVE and every flow. */
@LocalInfrastructureTest
class ConsumerGroupIT {

    @Test
    void twoInstancesSharePartitionsAndBothAnswerForAllData(LocalInfrastructure infra) throws Exception {
        RunningAnalytics.Names names = RunningAnalytics.Names.unique(infra, "group");
        try (RunningAnalytics first = RunningAnalytics.start(infra, names, Map.of());
             RunningAnalytics second = RunningAnalytics.start(infra, names, Map.of());
             RecordProducer producer = new RecordProducer(infra.kafkaBootstrapServers());
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()))) {

            await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(names.group()))
                        .describedGroups().get(names.group()).get(30, TimeUnit.SECONDS);
                assertThat(group.members()).hasSize(2);
                Set<TopicPartition> seen = new HashSet<>();
                for (MemberDescription member : group.members()) {
                    Set<TopicPartition> mine = member.assignment().topicPartitions();
                    assertThat(mine).as(member.clientId()).isNotEmpty();
                    mine.forEach(tp -> assertThat(seen.add(tp)).as("partition owned twice: " + tp).isTrue());
                }
                assertThat(seen).hasSize(6);
            });

            long now = RecordProducer.nowMicros();
            for (int host = 1; host <= 12; host++) {
                String vrouter = "host" + host;
                producer.status(names.statusTopic(), "ObjectVRouter", vrouter, "agent/" + vrouter, false,
                        "{\"VrouterAgent\":{\"interface_list\":[\"tap" + host + "\"]}}", null);
                producer.flow(names.flowTopic(), vrouter, FlowRecords.body(vrouter, "default-domain:demo:green",
                        "default-domain:demo:blue", host, 80, "pass", now - host, 64));
            }
            producer.flush();

            String query = """
                    {"table":"FlowRecordTable","start_time":"now-10m","end_time":"now+1m","select_fields":["vrouter"],
                     "where":[[{"name":"sourcevn","value":"default-domain:demo:green","op":1}]]}""";
            for (RunningAnalytics instance : List.of(first, second)) {
                await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
                    assertThat(instance.getJson("/analytics/uves/vrouters")).hasSize(12);
                    var response = instance.post("/analytics/query", query);
                    assertThat(StatusRecords.JSON.readTree(response.body()).get("value")).hasSize(12);
                });
            }
        }
    }
}
