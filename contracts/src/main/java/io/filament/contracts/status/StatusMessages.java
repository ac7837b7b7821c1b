package io.filament.contracts.status;

import java.time.Clock;

import io.filament.contracts.event.BinaryModeHeaders;
import io.filament.contracts.event.EventEnvelope;

/**
 * Turns status and flow reports into Kafka records: key, CloudEvents headers ({@code ce_source} = the report's
 * source, {@code ce_type} = {@code io.filament.status.<table>} or {@code io.filament.flow}, {@code ce_time} from
 * the clock) and the JSON body of {@link StatusFormat} / {@link FlowFormat}. Thread-safe.
 */
public final class StatusMessages {

    /** {@code ce_type} prefix of status records; the table name follows. */
    public static final String STATUS_TYPE_PREFIX = "io.filament.status.";
    /** {@code ce_type} of flow records. */
    public static final String FLOW_TYPE = "io.filament.flow";

    private final StatusFormat status;
    private final FlowFormat flows;
    private final Clock clock;

    public StatusMessages(StatusFormat status, FlowFormat flows, Clock clock) {
        this.status = status;
        this.flows = flows;
        this.clock = clock;
    }

    public StatusMessages(Clock clock) {
        this(new StatusFormat(), new FlowFormat(), clock);
    }

    /** The record of {@code report} on {@code filament.status.v1}, keyed {@code <table>:<key>}. */
    public EncodedRecord status(StatusReport report) {
        EventEnvelope envelope = EventEnvelope.newEvent(report.source(),
                STATUS_TYPE_PREFIX + report.table().tableName(), clock).withSubject(report.recordKey());
        return new EncodedRecord(report.recordKey(), BinaryModeHeaders.write(envelope), status.write(report));
    }

    /**
     * The record of {@code flow} on {@code filament.flows.v1}, keyed by the vRouter name.
     *
     * @param source the reporting instance, {@code agent/<host>}
     */
    public EncodedRecord flow(String source, FlowReport flow) {
        EventEnvelope envelope = EventEnvelope.newEvent(source, FLOW_TYPE, clock).withSubject(flow.flowUuid().toString());
        return new EncodedRecord(flow.vrouter(), BinaryModeHeaders.write(envelope), flows.write(flow));
    }
}
