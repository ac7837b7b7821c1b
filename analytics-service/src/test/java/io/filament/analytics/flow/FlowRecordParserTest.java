package io.filament.analytics.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class FlowRecordParserTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final FlowRecordParser parser = new FlowRecordParser(json, 4096);

    private ObjectNode valid() {
        return (ObjectNode) json.readTree("""
                {"vrouter":"host1","sourcevn":"default-domain:demo:red","destvn":"default-domain:demo:blue",
                 "sourceip":"10.0.1.3","destip":"10.0.2.3","protocol":1,"sport":4242,"dport":0,"direction_ing":1,
                 "action":"pass","setup_time":1700000000000000,"teardown_time":0,"agg-packets":3,"agg-bytes":252,
                 "flowuuid":"8a6c1c58-5e0e-4a57-8f4e-2b8f2a0c0e11","vrouter_ip":"127.0.0.11","other_vrouter_ip":"127.0.0.12"}""");
    }

    private FlowRecord parse(String key, ObjectNode body) {
        return parser.parse(key, json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTfFlowRecordFields() {
        FlowRecord r = parse("host1", valid());

        assertThat(r.vrouter()).isEqualTo("host1");
        assertThat(r.sourceVn()).isEqualTo("default-domain:demo:red");
        assertThat(r.protocol()).isEqualTo(1);
        assertThat(r.aggBytes()).isEqualTo(252);
        assertThat(r.value(FlowField.AGG_PACKETS)).isEqualTo(3L);
        assertThat(r.flowUuid()).hasToString("8a6c1c58-5e0e-4a57-8f4e-2b8f2a0c0e11");
        assertThat(r.otherVrouterIp()).isEqualTo("127.0.0.12");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "sourcevn      | \"\"",
        "sourceip      | \"10.0.1.300\"",
        "protocol      | 256",
        "dport         | 70000",
        "direction_ing | 2",
        "setup_time    | 0",
        "teardown_time | 5",
        "agg-bytes     | -1",
        "flowuuid      | \"not-a-uuid\"",
        "action        | 7",
    })
    void rejectsABadFieldByName(String field, String value) {
        ObjectNode body = valid();
        body.set(field, json.readTree(value));

        assertThatThrownBy(() -> parse(null, body))
                .isInstanceOfSatisfying(FlowRecordRejected.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void rejectsAKafkaKeyOtherThanTheVrouter() {
        assertThatThrownBy(() -> parse("host2", valid()))
                .isInstanceOfSatisfying(FlowRecordRejected.class, e -> assertThat(e.field()).isEqualTo("key"));
    }

    @Test
    void rejectsAMissingRequiredField() {
        ObjectNode body = valid();
        body.remove("destvn");

        assertThatThrownBy(() -> parse(null, body))
                .isInstanceOfSatisfying(FlowRecordRejected.class, e -> assertThat(e.field()).isEqualTo("destvn"));
    }
}
