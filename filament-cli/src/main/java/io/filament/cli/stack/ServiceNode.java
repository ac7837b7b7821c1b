package io.filament.cli.stack;

import io.filament.cli.infra.InfraException;
import io.filament.cli.infra.InfraNode;
import io.filament.cli.infra.Jdk;
import io.filament.cli.infra.ManagedProcess;
import io.filament.cli.infra.Workspace;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Filament service of the local stack, run from its module's jar and judged by its actuator health. */
public final class ServiceNode implements InfraNode {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();

    private final ServiceSpec spec;
    private final Workspace workspace;
    private final Jdk jdk;
    private final ManagedProcess process;

    public ServiceNode(ServiceSpec spec, Workspace workspace, Jdk jdk) {
        this.spec = spec;
        this.workspace = workspace;
        this.jdk = jdk;
        this.process = new ManagedProcess(spec.name(), workspace.pidFile(spec.name()));
    }

    public ServiceSpec spec() {
        return spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public String address() {
        return spec.address();
    }

    @Override
    public List<Integer> ports() {
        return List.of(spec.httpPort());
    }

    @Override
    public ManagedProcess process() {
        return process;
    }

    @Override
    public Path logFile() {
        return workspace.log(spec.name());
    }

    @Override
    public void start() {
        Path jar = workspace.moduleJar(spec.module());
        if (!Files.exists(jar)) {
            throw new InfraException(jar + " is missing: build it with mvn -B -q -DskipTests package");
        }
        ServiceGc gc = ServiceGc.fromEnvironment();
        List<String> command = new ArrayList<>(List.of(jdk.java().toString(),
                "-Xmx" + spec.heap(), gc.option(), "-Xss512k",
                // every collection with its pause and its CPU time (user, sys, real: a real well above user + sys is
                // a collector waiting for a core), wall-clock stamped, beside the service's log (two 5 MB files)
                "-Xlog:gc,gc+cpu:file=" + gcLog() + ":time,uptime:filecount=2,filesize=5m",
                // Netty 4.2's adaptive allocator breaks the Cassandra driver under concurrent LWTs; pooled does not.
                "-Dio.netty.allocator.type=pooled",
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"));
        command.addAll(AotCache.enabled() ? new AotCache(workspace, spec.name(), jar, jdk).launch(gc)
                : List.of("-jar", jar.toString()));
        command.addAll(List.of("--server.address=" + spec.host(), "--server.port=" + spec.httpPort(),
                "--filament.root=" + workspace.root()));
        command.addAll(spec.arguments());
        Workspace.ensureDirectory(logFile().getParent());
        process.start(command, workspace.root(), logFile(), Map.of());
    }

    /** The service's garbage-collection log: {@code var/log/<name>.gc.log}. */
    Path gcLog() {
        return logFile().resolveSibling(spec.name() + ".gc.log");
    }

    @Override
    public boolean answers() {
        return describe().equals("UP");
    }

    /** The status of {@code /actuator/health} ({@code UP}, {@code DOWN}, …), or empty when it does not answer. */
    @Override
    public String describe() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address() + "/actuator/health"))
                .timeout(PROBE_TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher status = STATUS.matcher(response.body());
            return status.find() ? status.group(1) : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
