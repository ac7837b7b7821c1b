import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load generator for config-api: creates ports (a virtual-machine-interface plus its instance-ip, the two calls an
 * orchestrator makes per port) at a fixed concurrency, then lists all ports with detail=true.
 *
 * Usage: java PortBench.java [base-url] [ports] [concurrency] [list-repeats]
 */
public class PortBench {

    private static final Pattern UUID_FIELD = Pattern.compile("\"uuid\":\"([0-9a-f-]{36})\"");

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:8082";
        int ports = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        int listRepeats = Math.max(2, args.length > 3 ? Integer.parseInt(args[3]) : 25);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String run = UUID.randomUUID().toString().substring(0, 8);

        String project = uuidOf(post(http, base, "/projects",
                "{\"project\":{\"fq_name\":[\"default-domain\",\"bench-" + run + "\"]}}"));
        String vn = uuidOf(post(http, base, "/virtual-networks", "{\"virtual-network\":{\"fq_name\":"
                + "[\"default-domain\",\"bench-" + run + "\",\"net\"],\"network_ipam_refs\":[{\"to\":"
                + "[\"default-domain\",\"default-project\",\"default-network-ipam\"],\"attr\":{\"ipam_subnets\":"
                + "[{\"subnet\":{\"ip_prefix\":\"10.200.0.0\",\"ip_prefix_len\":16}}]}}]}}"));
        System.out.printf("run %s: project %s, network %s; %d ports at concurrency %d%n", run, project, vn, ports,
                concurrency);

        long[] latencyNanos = new long[ports];
        Semaphore slots = new Semaphore(concurrency);
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < ports; i++) {
                int n = i;
                slots.acquire();
                done.add(pool.submit(() -> {
                    try {
                        long t0 = System.nanoTime();
                        String vmi = uuidOf(post(http, base, "/virtual-machine-interfaces",
                                "{\"virtual-machine-interface\":{\"fq_name\":[\"default-domain\",\"bench-" + run
                                        + "\",\"port-" + n + "\"],\"virtual_network_refs\":[{\"uuid\":\"" + vn
                                        + "\"}]}}"));
                        post(http, base, "/instance-ips", "{\"instance-ip\":{\"virtual_network_refs\":[{\"uuid\":\""
                                + vn + "\"}],\"virtual_machine_interface_refs\":[{\"uuid\":\"" + vmi + "\"}]}}");
                        latencyNanos[n] = System.nanoTime() - t0;
                        return null;
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencyNanos);
        System.out.printf("port creation: %d ports in %.1f s = %.0f ports/s; latency per port (VMI + instance-ip)"
                        + " p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", ports, seconds, ports / seconds,
                pct(latencyNanos, 50), pct(latencyNanos, 95), pct(latencyNanos, 99),
                latencyNanos[ports - 1] / 1e6);

        long[] listNanos = new long[listRepeats];
        int bytes = 0;
        for (int i = 0; i < listRepeats; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(base
                    + "/virtual-machine-interfaces?detail=true&parent_id=" + project)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            listNanos[i] = System.nanoTime() - t0;
            if (list.statusCode() != 200) {
                throw new IllegalStateException("list failed: " + list.statusCode() + " " + list.body());
            }
            bytes = list.body().length();
            int items = list.body().split("\"virtual-machine-interface\":\\{", -1).length - 1;
            if (items != ports) {
                throw new IllegalStateException("listed " + items + " ports, expected " + ports);
            }
        }
        long first = listNanos[0];
        long[] warm = Arrays.copyOfRange(listNanos, 1, listRepeats);
        Arrays.sort(warm);
        System.out.printf("list %d ports with detail=true: first %.0f ms; then median %.0f ms, p90 %.0f ms, best %.0f ms,"
                        + " worst %.0f ms (%d repeats, %.1f MB per response)%n", ports, first / 1e6,
                warm[warm.length / 2] / 1e6, warm[(int) Math.min(warm.length - 1, Math.round(warm.length * 0.9))] / 1e6,
                warm[0] / 1e6, warm[warm.length - 1] / 1e6, warm.length, bytes / 1e6);
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        System.out.println("server-side time per command stage (all commands and listings of the run, seconds):");
        metrics.body().lines().filter(l -> l.startsWith("filament_config_command_stage_seconds")
                && (l.contains("_count") || l.contains("_sum") || l.contains("quantile"))).forEach(l ->
                System.out.println("  " + l));

    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)] / 1e6;
    }

    private static String post(HttpClient http, String base, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST " + path + " gave " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    private static String uuidOf(String body) {
        Matcher m = UUID_FIELD.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no uuid in " + body);
        }
        return m.group(1);
    }
}
