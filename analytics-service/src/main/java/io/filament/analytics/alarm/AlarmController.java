package io.filament.analytics.alarm;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.filament.contracts.status.StatusTable;
import io.filament.analytics.web.RequestRejected;

/** {@code GET /analytics/alarms[?tablefilt=<type>]} in TF's shape: per UVE type, per key, {@code UVEAlarms}. */
@RestController
class AlarmController {

    record AlarmInfo(String type, int severity, long timestamp, String description, boolean ack) {
    }

    record UveAlarms(List<AlarmInfo> alarms) {
    }

    record Entry(String name, Map<String, UveAlarms> value) {
    }

    private final AlarmEvaluator alarms;

    AlarmController(AlarmEvaluator alarms) {
        this.alarms = alarms;
    }

    @GetMapping("/analytics/alarms")
    Map<String, List<Entry>> alarms(@RequestParam Optional<String> tablefilt) {
        Optional<StatusTable> only = tablefilt.map(t -> StatusTable.byTypeName(t).orElseThrow(() ->
                new RequestRejected(HttpStatus.BAD_REQUEST, "tablefilt", t, "unknown UVE type '" + t + "'")));
        Map<StatusTable, Map<String, List<AlarmInfo>>> grouped = new TreeMap<>();
        for (Alarm a : alarms.active()) {
            if (only.map(t -> t == a.subject().table()).orElse(true)) {
                grouped.computeIfAbsent(a.subject().table(), t -> new TreeMap<>())
                        .computeIfAbsent(a.subject().key(), k -> new java.util.ArrayList<>())
                        .add(new AlarmInfo(a.type(), a.severity(), a.raisedAt(), a.description(), false));
            }
        }
        Map<String, List<Entry>> result = new LinkedHashMap<>();
        grouped.forEach((table, byKey) -> result.put(table.typeName(), byKey.entrySet().stream()
                .map(e -> new Entry(e.getKey(), Map.of("UVEAlarms", new UveAlarms(e.getValue().stream()
                        .sorted(Comparator.comparing(AlarmInfo::type)).toList()))))
                .toList()));
        return result;
    }
}
