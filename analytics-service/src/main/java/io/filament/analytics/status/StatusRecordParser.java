package io.filament.analytics.status;

import java.util.LinkedHashMap;
import java.util.Map;

import io.filament.contracts.status.InvalidStatusRecordException;
import io.filament.contracts.status.StatusFormat;
import io.filament.contracts.status.StatusReport;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a status record (Kafka key, {@code ce_source} header, JSON body) with the format's own reader
 * ({@link StatusFormat}, the one every producer writes with), so that what analytics accepts is exactly what
 * {@code STATUS-FORMAT.md} says. Pure: no clocks, no I/O.
 */
public final class StatusRecordParser {

    private final StatusFormat format;

    public StatusRecordParser(JsonMapper json, int maxBodyBytes) {
        this.format = new StatusFormat(json, maxBodyBytes);
    }

    public StatusRecord parse(String recordKey, String ceSource, byte[] body) {
        StatusReport report;
        try {
            report = format.read(recordKey, ceSource, body);
        } catch (InvalidStatusRecordException e) {
            throw new StatusRecordRejected(e.field(), e.value().orElse("missing"), e.reason());
        }
        Map<String, StructPart> structs = new LinkedHashMap<>();
        report.structs().forEach((name, struct) ->
                structs.put(name, new StructPart(report.time(), struct.attributes(), struct.aggtypes())));
        return new StatusRecord(report.table(), report.key(), report.source(), report.time(), report.deleted(), structs);
    }
}
