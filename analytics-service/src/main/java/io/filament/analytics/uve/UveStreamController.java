package io.filament.analytics.uve;

import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.filament.contracts.status.StatusTable;
import io.filament.analytics.web.RequestRejected;

/** {@code GET /analytics/uve-stream[?tablefilt=<type>]}: current state, then every change, as SSE. */
@RestController
class UveStreamController {

    private final UveStreamBroadcaster broadcaster;
    private final UveService uves;

    UveStreamController(UveStreamBroadcaster broadcaster, UveService uves) {
        this.broadcaster = broadcaster;
        this.uves = uves;
    }

    @GetMapping(path = "/analytics/uve-stream", produces = "text/event-stream")
    SseEmitter stream(@RequestParam Optional<String> tablefilt) {
        Optional<StatusTable> table = tablefilt.map(t -> StatusTable.byTypeName(t).or(() -> StatusTable.byTableName(t))
                .orElseThrow(() -> new RequestRejected(HttpStatus.BAD_REQUEST, "tablefilt", t, "unknown UVE type '" + t + "'")));
        SseEmitter emitter = new SseEmitter(0L);
        if (!broadcaster.register(emitter, table, uves)) {
            throw new RequestRejected(HttpStatus.SERVICE_UNAVAILABLE, "uve-stream", "clients", "too many stream clients");
        }
        return emitter;
    }
}
