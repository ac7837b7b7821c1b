package io.filament.analytics.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.filament.contracts.status.FlowFormat;
import io.filament.contracts.status.FlowReport;
import io.filament.contracts.status.InvalidStatusRecordException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The streaming parser and the format's own tree reader ({@link FlowFormat}) accept the same records with the same
 * values, and refuse the same records naming the same field.
 */
class FlowRecordParserAgreementTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String VALID = """
            {"vrouter":"host1","sourcevn":"default-domain:demo:red","destvn":"default-domain:demo:blue",
             "sourceip":"10.0.1.3","destip":"2001:db8::3","protocol":6,"sport":4242,"dport":443,"direction_ing":0,
             "action":"pass","setup_time":1700000000000000,"teardown_time":1700000000500000,"agg-packets":3,
             "agg-bytes":252,"flowuuid":"8a6c1c58-5e0e-4a57-8f4e-2b8f2a0c0e11","vrouter_ip":"127.0.0.11",
             "other_vrouter_ip":"127.0.0.12","sg_rule_uuid":"sg-1","nw_ace_uuid":"ace-2","drop_reason":"none"}""";
    private static final List<String> FIELDS = List.of("vrouter", "sourcevn", "destvn", "sourceip", "destip",
            "protocol", "sport", "dport", "direction_ing", "action", "setup_time", "teardown_time", "agg-packets",
            "agg-bytes", "flowuuid", "vrouter_ip", "other_vrouter_ip", "sg_rule_uuid", "nw_ace_uuid", "drop_reason",
            "unknown_extra");
    private static final List<String> VALUES = List.of("null", "\"\"", "\" \"", "\"host2\"", "\"10.0.0.300\"",
            "\"::1\"", "\"8a6c1c58-5e0e-4a57-8f4e-2b8f2a0c0e12\"", "\"not-a-uuid\"", "0", "1", "-1", "2", "255", "256",
            "65535", "65536", "1700000000000001", "1699999999999999", "9223372036854775807", "9223372036854775808",
            "1.5", "1e3", "true", "{\"a\":[1,2]}", "[1]", "\"pass\"");

    private final FlowRecordParser streaming = new FlowRecordParser(JSON, 4096);
    private final FlowFormat tree = new FlowFormat(JSON, 4096);

    @Property(tries = 1000)
    void bothReadersAgreeOnRecordsWithChangedRemovedOrAddedFields(
            @ForAll("edits") List<String[]> edits, @ForAll("keys") String key) {
        ObjectNode body = (ObjectNode) JSON.readTree(VALID);
        for (String[] edit : edits) {
            if (edit[1] == null) {
                body.remove(edit[0]);
            } else {
                body.set(edit[0], JSON.readTree(edit[1]));
            }
        }
        assertAgree(key, JSON.writeValueAsString(body));
    }

    @Property(tries = 200)
    void bothReadersAgreeOnBodiesThatAreNotAFlowObject(@ForAll("junk") String body) {
        assertAgree(null, body);
    }

    private void assertAgree(String key, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Throwable expected = catchThrowable(() -> tree.read(key, bytes));
        Throwable actual = catchThrowable(() -> streaming.parse(key, bytes));
        if (expected == null) {
            assertThat(actual).as(body).isNull();
            FlowReport f = tree.read(key, bytes);
            assertThat(streaming.parse(key, bytes)).as(body).isEqualTo(new FlowRecord(f.vrouter(), f.sourceVn(),
                    f.destVn(), f.sourceIp(), f.destIp(), f.protocol(), f.sourcePort(), f.destPort(),
                    f.directionIngress(), f.action(), f.setupTime(), f.teardownTime(), f.aggPackets(), f.aggBytes(),
                    f.flowUuid(), f.vrouterIp(), f.otherVrouterIp(), f.sgRuleUuid(), f.nwAceUuid(), f.dropReason()));
        } else {
            assertThat(expected).as(body).isInstanceOf(InvalidStatusRecordException.class);
            assertThat(actual).as(body).isInstanceOfSatisfying(FlowRecordRejected.class, e -> assertThat(e.field())
                    .isEqualTo(((InvalidStatusRecordException) expected).field()));
        }
    }

    @Provide
    Arbitrary<List<String[]>> edits() {
        Arbitrary<String[]> edit = Arbitraries.of(FIELDS).flatMap(field -> Arbitraries.oneOf(
                Arbitraries.just(new String[] {field, null}),
                Arbitraries.of(VALUES).map(value -> new String[] {field, value})));
        return edit.list().ofMaxSize(3);
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.of("host1", "host2").injectNull(0.5);
    }

    @Provide
    Arbitrary<String> junk() {
        return Arbitraries.oneOf(Arbitraries.of("", "[]", "null", "42", "\"host1\"", "{", VALID + " {}", VALID + "x",
                VALID.substring(0, VALID.length() - 1), "{\"vrouter\":\"host1\"}", "{\"vrouter\":\"host1\"} "),
                Arbitraries.strings().ofMaxLength(30));
    }
}
