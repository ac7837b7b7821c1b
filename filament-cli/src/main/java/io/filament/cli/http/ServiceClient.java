package io.filament.cli.http;

import io.filament.cli.infra.InfraException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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

    public ServiceClient(String service, String address) {
        this.service = service;
        this.base = URI.create("http://" + address);
    }

    public static JsonMapper json() {
        return JSON;
    }

    public JsonNode get(String pathAndQuery) {
        return send("GET", pathAndQuery, null);
    }

    public JsonNode post(String path, JsonNode body) {
        return send("POST", path, JSON.writeValueAsBytes(body));
    }

    public JsonNode put(String path, JsonNode body) {
        return send("PUT", path, JSON.writeValueAsBytes(body));
    }

    public JsonNode delete(String path) {
        return send("DELETE", path, null);
    }

    /**
     * One request on the calling thread ({@link HttpURLConnection}, kept-alive connections reused): no hand-over to a
     * selector or executor thread, which on a busy machine costs a scheduling wait each way.
     */
    private JsonNode send(String method, String pathAndQuery, byte[] body) {
        int status;
        String text;
        try {
            HttpURLConnection connection = (HttpURLConnection) base.resolve(pathAndQuery).toURL().openConnection();
            connection.setConnectTimeout((int) TIMEOUT.toMillis());
            connection.setReadTimeout((int) TIMEOUT.toMillis());
            connection.setRequestMethod(method);
            connection.setRequestProperty("Accept", "application/json");
            if (body != null) {
                connection.setRequestProperty("Content-Type", "application/json");
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(body.length);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            status = connection.getResponseCode();
            text = readAll(status >= 400 ? connection.getErrorStream() : connection.getInputStream());
        } catch (IOException e) {
            throw new InfraException(service + " at " + base + " does not answer (" + method + " " + pathAndQuery
                    + "): " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "; is the stack up? (bin/filament status)", e);
        }
        if (status >= 400) {
            throw new ServiceError(service, method, pathAndQuery, status, text);
        }
        if (text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            throw new InfraException(service + " answered " + method + " " + pathAndQuery + " with invalid JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        if (in == null) {
            return "";
        }
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
