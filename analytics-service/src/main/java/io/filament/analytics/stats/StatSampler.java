package io.filament.analytics.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.filament.analytics.status.StatusRecord;
import io.filament.analytics.status.StructPart;
import io.filament.contracts.status.Aggregation;
import tools.jackson.databind.JsonNode;

/** Turns the counters ({@code sum} attributes with numeric values) of a status record into samples. */
public final class StatSampler {

    public List<StatSample> samples(StatusRecord record) {
        if (record.deleted()) {
            return List.of();
        }
        List<StatSample> samples = new ArrayList<>();
        record.structs().forEach((struct, part) -> addCounters(record, struct, part, samples));
        return samples;
    }

    private static void addCounters(StatusRecord record, String struct, StructPart part, List<StatSample> into) {
        for (Map.Entry<String, Aggregation> declared : part.aggtypes().entrySet()) {
            JsonNode value = part.attributes().get(declared.getKey());
            if (declared.getValue() == Aggregation.SUM && value != null && value.isNumber()) {
                into.add(new StatSample(StatSample.tableName(struct, declared.getKey()), record.key(),
                        record.source(), record.time(), value.doubleValue()));
            }
        }
    }
}
