package io.filament.analytics.flow;

import io.filament.contracts.status.FlowFormat;
import io.filament.contracts.status.FlowReport;
import io.filament.contracts.status.InvalidStatusRecordException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and checks one record of {@code filament.flows.v1} with the format's own reader ({@link FlowFormat}, the
 * one agents write with). Pure: no clocks, no I/O.
 */
public final class FlowRecordParser {

    private final FlowFormat format;

    public FlowRecordParser(JsonMapper json, int maxBodyBytes) {
        this.format = new FlowFormat(json, maxBodyBytes);
    }

    public FlowRecord parse(String recordKey, byte[] body) {
        FlowReport f;
        try {
            f = format.read(recordKey, body);
        } catch (InvalidStatusRecordException e) {
            throw new FlowRecordRejected(e.field(), e.value().orElse("missing"), e.reason());
        }
        return new FlowRecord(f.vrouter(), f.sourceVn(), f.destVn(), f.sourceIp(), f.destIp(), f.protocol(),
                f.sourcePort(), f.destPort(), f.directionIngress(), f.action(), f.setupTime(), f.teardownTime(),
                f.aggPackets(), f.aggBytes(), f.flowUuid(), f.vrouterIp(), f.otherVrouterIp(), f.sgRuleUuid(),
                f.nwAceUuid(), f.dropReason());
    }
}
