package io.filament.contracts.status;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlowFormatTest {

    private static final UUID FLOW = UUID.fromString("8a6c1c58-5e0e-4a57-8f4e-2b8f2a0c0e11");
    private final FlowFormat format = new FlowFormat();

    private static FlowReport ping(long teardown) {
        return new FlowReport("host1", "default-domain:demo:red", "default-domain:demo:blue", "10.1.1.3", "10.2.2.3",
                1, 4711, 0, 1, "pass", 1764324000123456L, teardown, 3, 252, FLOW, "127.0.0.11", "127.0.0.12",
                "", "", "");
    }

    @Test
    void writesTheFieldsOfTheFlowRecordTable() {
        JsonNode body = JsonMapper.builder().build().readTree(format.write(ping(0)));

        assertThat(body.path("vrouter").asString()).isEqualTo("host1");
        assertThat(body.path("sourcevn").asString()).isEqualTo("default-domain:demo:red");
        assertThat(body.path("sport").intValue()).isEqualTo(4711);
        assertThat(body.path("direction_ing").intValue()).isEqualTo(1);
        assertThat(body.path("setup_time").longValue()).isEqualTo(1764324000123456L);
        assertThat(body.path("agg-packets").longValue()).isEqualTo(3);
        assertThat(body.path("agg-bytes").longValue()).isEqualTo(252);
        assertThat(body.path("flowuuid").asString()).isEqualTo(FLOW.toString());
        assertThat(body.path("other_vrouter_ip").asString()).isEqualTo("127.0.0.12");
    }

    @Property(tries = 200)
    void readsBackWhatItWrote(@ForAll @IntRange(max = 255) int protocol, @ForAll @IntRange(max = 65535) int sport,
                              @ForAll @LongRange(min = 1, max = 4_000_000_000_000_000L) long setup,
                              @ForAll @LongRange(max = 1_000_000) long lasted, @ForAll @LongRange(max = 1L << 40) long packets) {
        FlowReport flow = new FlowReport("h", FlowReport.UNKNOWN_NETWORK, "vn", "fd00::1", "10.0.0.1", protocol,
                sport, 65535 - sport, 0, "drop", setup, lasted == 0 ? 0 : setup + lasted, packets, packets * 64,
                UUID.randomUUID(), "", "", "", "", "ds_flow_action_drop");

        assertThat(format.read("h", format.write(flow))).isEqualTo(flow);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "key           | other | {\"vrouter\":\"h\"}",
        "sourceip      | h     | {\"vrouter\":\"h\",\"sourcevn\":\"a\",\"destvn\":\"b\",\"sourceip\":\"10.1.1\",\"destip\":\"10.0.0.1\",\"protocol\":1,\"sport\":1,\"dport\":0,\"direction_ing\":1,\"setup_time\":5,\"flowuuid\":\"8a6c1c58-5e0e-4a57-8f4e-2b8f2a0c0e11\"}",
        "protocol      | h     | {\"vrouter\":\"h\",\"sourcevn\":\"a\",\"destvn\":\"b\",\"sourceip\":\"10.1.1.1\",\"destip\":\"10.0.0.1\",\"protocol\":256,\"sport\":1,\"dport\":0,\"direction_ing\":1,\"setup_time\":5,\"flowuuid\":\"8a6c1c58-5e0e-4a57-8f4e-2b8f2a0c0e11\"}",
        "setup_time    | h     | {\"vrouter\":\"h\",\"sourcevn\":\"a\",\"destvn\":\"b\",\"sourceip\":\"10.1.1.1\",\"destip\":\"10.0.0.1\",\"protocol\":1,\"sport\":1,\"dport\":0,\"direction_ing\":1,\"setup_time\":0,\"flowuuid\":\"8a6c1c58-5e0e-4a57-8f4e-2b8f2a0c0e11\"}",
        "teardown_time | h     | {\"vrouter\":\"h\",\"sourcevn\":\"a\",\"destvn\":\"b\",\"sourceip\":\"10.1.1.1\",\"destip\":\"10.0.0.1\",\"protocol\":1,\"sport\":1,\"dport\":0,\"direction_ing\":1,\"setup_time\":5,\"teardown_time\":4,\"flowuuid\":\"8a6c1c58-5e0e-4a57-8f4e-2b8f2a0c0e11\"}",
        "flowuuid      | h     | {\"vrouter\":\"h\",\"sourcevn\":\"a\",\"destvn\":\"b\",\"sourceip\":\"10.1.1.1\",\"destip\":\"10.0.0.1\",\"protocol\":1,\"sport\":1,\"dport\":0,\"direction_ing\":1,\"setup_time\":5,\"flowuuid\":\"17\"}",
    })
    void rejectsARecordNamingTheBrokenField(String field, String key, String body) {
        assertThatThrownBy(() -> format.read(key, body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidStatusRecordException.class)
                .satisfies(e -> assertThat(((InvalidStatusRecordException) e).field()).isEqualTo(field));
    }
}
