package io.filament.analytics.query;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.filament.analytics.web.RequestRejected;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.databind.JsonNode;

/** {@code POST /analytics/query} (synchronous, TF's body shape) and {@code GET /analytics/tables}. */
@RestController
class QueryController {

    record Answer(List<Map<String, Object>> value) {
    }

    record TableLink(String name, String type) {
    }

    private final QueryParser parser;
    private final QueryExecutor executor;
    private final Duration timeout;
    private final MeterRegistry meters;

    QueryController(QueryParser parser, QueryExecutor executor, QueryTimeout timeout, MeterRegistry meters) {
        this.parser = parser;
        this.executor = executor;
        this.timeout = timeout.value();
        this.meters = meters;
        for (String tableClass : java.util.List.of("flow", "stat", "object")) {
            timer(tableClass);
        }
    }

    private Timer timer(String tableClass) {
        return Timer.builder("filament.analytics.query").description("Time to answer a query")
                .tag("table_class", tableClass).register(meters);
    }

    @PostMapping("/analytics/query")
    Answer query(@RequestBody JsonNode body) {
        QuerySpec spec = parser.parse(body);
        Timer.Sample sample = Timer.start(meters);
        try {
            return new Answer(executor.execute(spec).toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException | CompletionException e) {
            throw unwrap(e);
        } catch (TimeoutException e) {
            throw new RequestRejected(HttpStatus.SERVICE_UNAVAILABLE, "table", spec.table().name(),
                    "the query did not finish within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RequestRejected(HttpStatus.SERVICE_UNAVAILABLE, "table", spec.table().name(), "interrupted");
        } finally {
            sample.stop(timer(tableClass(spec.table())));
        }
    }

    @GetMapping("/analytics/tables")
    List<TableLink> tables() {
        return List.of(new TableLink(QueryTable.Flows.NAME, "FLOW"),
                new TableLink("StatTable.<struct>.<counter>", "STAT"),
                new TableLink("Object<…> (every UVE table)", "OBJECT"));
    }

    private static RuntimeException unwrap(Exception e) {
        Throwable cause = e;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RequestRejected rejected) {
            return rejected;
        }
        return new RequestRejected(HttpStatus.SERVICE_UNAVAILABLE, "table", "storage",
                "storage failed: " + cause.getMessage());
    }

    private static String tableClass(QueryTable table) {
        return switch (table) {
            case QueryTable.Flows f -> "flow";
            case QueryTable.Stats s -> "stat";
            case QueryTable.Objects o -> "object";
        };
    }
}
