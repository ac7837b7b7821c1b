package io.filament.agent.status;

import io.filament.agent.dataplane.wire.DataplaneReply;
import io.filament.contracts.status.FlowFormat;
import io.filament.contracts.status.FlowReport;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FlowReportsTest {

    private final FlowReports flows = new FlowReports("host1", "127.0.0.11");
    private final FlowFormat format = new FlowFormat();

    private static long v4(int a, int b, int c, int d) {
        return ((long) a << 56) | ((long) b << 48) | ((long) c << 40) | ((long) d << 32);
    }

    private static DataplaneReply.FlowRecord ping(long dst, int action, boolean ended) {
        return new DataplaneReply.FlowRecord(1, 4, 1, v4(10, 1, 1, 3), 0, dst, 0, 4711, 4711, action, 3, 252, 2, 168,
                1_795_860_000_123L, 1_795_860_002_000L, ended);
    }

    /** What analytics reads back from the record. */
    private List<FlowReport> published(DataplaneReply.FlowRecord f) {
        return flows.of(f, StatusFixtures.tables()).stream().map(r -> format.read("host1", format.write(r))).toList();
    }

    @Test
    void reportsTheForwardFlowFromALocalPortAsIngressWithNetworksFromTheRoutes() {
        FlowReport forward = published(ping(v4(10, 1, 1, 4), 1, false)).getFirst();

        assertThat(forward.vrouter()).isEqualTo("host1");
        assertThat(forward.sourceVn()).isEqualTo(StatusFixtures.RED_VN);
        assertThat(forward.destVn()).isEqualTo(StatusFixtures.RED_VN);
        assertThat(forward.sourceIp()).isEqualTo("10.1.1.3");
        assertThat(forward.destIp()).isEqualTo("10.1.1.4");
        assertThat(forward.protocol()).isEqualTo(1);
        assertThat(forward.sourcePort()).as("ICMP identifier").isEqualTo(4711);
        assertThat(forward.destPort()).as("ICMP").isZero();
        assertThat(forward.directionIngress()).isEqualTo(1);
        assertThat(forward.setupTime()).isEqualTo(1_795_860_000_123_000L);
        assertThat(forward.teardownTime()).isZero();
        assertThat(forward.aggPackets()).isEqualTo(3);
        assertThat(forward.aggBytes()).isEqualTo(252);
        assertThat(forward.action()).isEqualTo("pass");
        assertThat(forward.vrouterIp()).isEqualTo("127.0.0.11");
        assertThat(forward.otherVrouterIp()).isEqualTo("127.0.0.12");
    }

    @Test
    void reportsTheReverseFlowWithItsOwnCountersAndTheOppositeDirection() {
        FlowReport reverse = published(ping(v4(10, 1, 1, 4), 1, false)).getLast();

        assertThat(reverse.sourceIp()).isEqualTo("10.1.1.4");
        assertThat(reverse.destIp()).isEqualTo("10.1.1.3");
        assertThat(reverse.sourcePort()).as("ICMP keeps its identifier").isEqualTo(4711);
        assertThat(reverse.destPort()).isZero();
        assertThat(reverse.directionIngress()).isZero();
        assertThat(reverse.aggPackets()).isEqualTo(2);
        assertThat(reverse.aggBytes()).isEqualTo(168);
        assertThat(reverse.otherVrouterIp()).isEqualTo("127.0.0.11");
    }

    @Test
    void keepsTheFlowUuidAcrossResendsAndSetsTheTeardownTimeAtTheEnd() {
        List<FlowReport> active = published(ping(v4(10, 1, 1, 4), 1, false));
        List<FlowReport> ended = published(ping(v4(10, 1, 1, 4), 1, true));

        assertThat(ended.getFirst().flowUuid()).isEqualTo(active.getFirst().flowUuid());
        assertThat(ended.getLast().flowUuid()).isEqualTo(active.getLast().flowUuid()).isNotEqualTo(active.getFirst().flowUuid());
        assertThat(ended.getFirst().teardownTime()).isEqualTo(1_795_860_002_000_000L);
    }

    @Test
    void keepsTcpPortsAndSwapsThemForTheReverseFlow() {
        DataplaneReply.FlowRecord tcp = new DataplaneReply.FlowRecord(1, 4, 6, v4(10, 1, 1, 3), 0, v4(10, 1, 1, 4), 0,
                40000, 443, 1, 10, 1000, 8, 4000, 1_795_860_000_123L, 1_795_860_002_000L, false);

        List<FlowReport> records = flows.of(tcp, StatusFixtures.tables()).stream()
                .map(r -> format.read("host1", format.write(r))).toList();

        assertThat(records.getFirst().sourcePort()).isEqualTo(40000);
        assertThat(records.getFirst().destPort()).isEqualTo(443);
        assertThat(records.getLast().sourcePort()).isEqualTo(443);
        assertThat(records.getLast().destPort()).isEqualTo(40000);
    }

    @Test
    void namesAnUnroutedDestinationUnknownAndADroppedFlowDrop() {
        FlowReport forward = published(ping(v4(192, 0, 2, 1), 0, true)).getFirst();

        assertThat(forward.destVn()).isEqualTo(FlowReport.UNKNOWN_NETWORK);
        assertThat(forward.action()).isEqualTo("drop");
        assertThat(forward.dropReason()).isEqualTo("ds_flow_action_drop");
        assertThat(forward.otherVrouterIp()).isEqualTo("127.0.0.11");
    }
}
