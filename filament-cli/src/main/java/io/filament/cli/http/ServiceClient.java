package io.filament.cli.http;

import io.filament.cli.infra.InfraException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON over HTTP to one Filament service; failures name the service, the request and the answer. */
public final class ServiceClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String service;
    private final URI base;
    private final HttpClient http;

    public ServiceClient(String service, String address) {
        this.service = service;
        this.base = URI.create("http://" + address);
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    public static JsonMapper json() {
        return JSON;
    }

    public JsonNode get(String pathAndQuery) {
        return send("GET", pathAndQuery, HttpRequest.BodyPublishers.noBody());
    }

    public JsonNode post(String path, JsonNode body) {
        return send("POST", path, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }

    public JsonNode put(String path, JsonNode body) {
        return send("PUT", path, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }

    public JsonNode delete(String path) {
        return send("DELETE", path, HttpRequest.BodyPublishers.noBody());
    }

    private JsonNode send(String method, String pathAndQuery, HttpRequest.BodyPublisher body) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, body)
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new InfraException(service + " at " + base + " does not answer (" + method + " " + pathAndQuery
                    + "): " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "; is the stack up? (bin/filament status)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraException("interrupted during " + method + " " + pathAndQuery, e);
        }
        if (response.statusCode() >= 400) {
            throw new ServiceError(service, method, pathAndQuery, response.statusCode(), response.body());
        }
        String text = response.body();
        if (text == null || text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            throw new InfraException(service + " answered " + method + " " + pathAndQuery + " with invalid JSON: "
                    + e.getOriginalMessage(), e);
        }
    }
}
