package io.filament.configapi.it;

import io.filament.configapi.ConfigApiApplication;
import io.filament.testsupport.LocalInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A config-api application started in the test JVM against the real local Cassandra and a Kafka broker. */
final class RunningConfigApi implements AutoCloseable {

    /** Topic names of one test class. */
    record Topics(String events, String snapshots, String commands) {
        static Topics unique(LocalInfrastructure infra) {
            return new Topics(infra.uniqueTopic("filament.config.events.v1"), infra.uniqueTopic("filament.config.v1"),
                    infra.uniqueTopic("filament.config.commands.v1"));
        }
    }

    /** A response: status, body text and the ETag header. */
    record Response(int status, String body, String etag) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(60)).build();
    private final String base;

    private RunningConfigApi(ConfigurableApplicationContext context) {
        this.context = context;
        this.base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    static RunningConfigApi start(LocalInfrastructure infra, String kafka, String keyspace, Topics topics,
                                  Map<String, String> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put("server.port", "0");
        props.put("spring.jmx.enabled", "false");
        props.put("spring.cassandra.contact-points", infra.cassandraContactPoint().getHostString() + ":"
                + infra.cassandraContactPoint().getPort());
        props.put("spring.cassandra.local-datacenter", infra.localDatacenter());
        props.put("spring.cassandra.request.timeout", "30s");
        props.put("filament.config-api.keyspace", keyspace);
        props.put("filament.config-api.kafka-bootstrap", kafka);
        props.put("filament.config-api.events-topic", topics.events());
        props.put("filament.config-api.snapshots-topic", topics.snapshots());
        props.put("filament.config-api.commands-topic", topics.commands());
        props.put("filament.config-api.command-group", "it-" + keyspace);
        props.putAll(extra);
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ConfigApiApplication.class).run(args);
        return new RunningConfigApi(context);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    String base() {
        return base;
    }

    Response post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"));
    }

    Response put(String path, String json, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .PUT(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json");
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(request);
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    /** Creates and returns the uuid; fails the test with the response when the status is not 201. */
    String create(String type, String json) {
        Response response = post("/" + type + "s", "{\"" + type + "\": " + json + "}");
        if (response.status() != 201) {
            throw new AssertionError("POST /" + type + "s gave " + response.status() + ": " + response.body());
        }
        return response.json().get(type).get("uuid").asString();
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("ETag").orElse(null));
        } catch (IOException e) {
            throw new AssertionError("HTTP request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
