package io.filament.cli.stack;

import io.filament.cli.infra.InfraException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Prometheus' HTTP API: readiness, version, and instant queries ({@code /api/v1/query}). */
public final class PrometheusQuery {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One series of an instant vector: its labels and its value. */
    public record Sample(Map<String, String> labels, double value) {
    }

    private final String address;

    public PrometheusQuery(String address) {
        this.address = address;
    }

    public boolean ready() {
        return get("/-/ready").map(r -> r.statusCode() == 200).orElse(false);
    }

    public Optional<String> version() {
        return get("/api/v1/status/buildinfo").filter(r -> r.statusCode() == 200)
                .map(r -> readTree(r.body()).path("data").path("version").asString(""))
                .filter(v -> !v.isEmpty());
    }

    /**
     * Runs an instant query; returns its series (empty when nothing matches).
     *
     * @throws InfraException when Prometheus does not answer or rejects the query (naming the query and the error)
     */
    public List<Sample> instant(String promql) {
        String path = "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8);
        HttpResponse<String> response = get(path)
                .orElseThrow(() -> new InfraException("prometheus at " + address + " does not answer " + path));
        JsonNode body = readTree(response.body());
        if (response.statusCode() != 200 || !body.path("status").asString("").equals("success")) {
            throw new InfraException("prometheus rejected query " + promql + ": " + body.path("error").asString(response.body()));
        }
        List<Sample> samples = new ArrayList<>();
        for (JsonNode series : body.path("data").path("result")) {
            Map<String, String> labels = new TreeMap<>();
            series.path("metric").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
            samples.add(new Sample(labels, Double.parseDouble(series.path("value").path(1).asString("NaN"))));
        }
        return samples;
    }

    /** Waits until {@code promql} returns at least one series; fails after {@code timeout} naming the query. */
    public List<Sample> awaitSeries(String promql, Duration timeout, Clock clock) {
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            List<Sample> samples = instant(promql);
            if (!samples.isEmpty()) {
                return samples;
            }
            if (clock.instant().isAfter(deadline)) {
                throw new InfraException("prometheus at " + address + " has no series for " + promql + " after "
                        + timeout.toSeconds() + " s; see its targets at http://" + address + "/api/v1/targets");
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    private Optional<HttpResponse<String>> get(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address + pathAndQuery))
                .timeout(TIMEOUT).GET().build();
        try {
            return Optional.of(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private JsonNode readTree(String body) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new InfraException("prometheus at " + address + " answered something that is not JSON: "
                    + body.substring(0, Math.min(200, body.length())));
        }
    }
}
