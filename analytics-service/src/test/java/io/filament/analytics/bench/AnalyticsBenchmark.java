package io.filament.analytics.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;

import io.filament.analytics.AnalyticsProperties;
import io.filament.analytics.flow.FlowIndex;
import io.filament.analytics.flow.FlowRecord;
import io.filament.analytics.flow.FlowRecordParser;
import io.filament.analytics.flow.FlowStore;
import io.filament.analytics.history.ObjectHistoryStore;
import io.filament.analytics.ingest.DeadLetters;
import io.filament.analytics.ingest.StorageIngest;
import io.filament.analytics.query.QueryExecutor;
import io.filament.analytics.query.QueryParser;
import io.filament.analytics.stats.StatStore;
import io.filament.analytics.status.StatusRecordParser;
import io.filament.analytics.store.BoundedWriter;
import io.filament.analytics.store.CassandraSchema;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Flow-record benchmark against the local Kafka and Cassandra, with the service's own classes: ingest rate of
 * the storage consumer, 10-minute flow queries over the stored records, disk per million records.
 * Run with {@code bench/analytics/run.sh}; arguments {@code records vns vrouters spreadMinutes queries}.
 */
public final class AnalyticsBenchmark {

    public static void main(String[] args) throws Exception {
        int records = arg(args, 0, 1_000_000);
        FlowLoad load = new FlowLoad(records, arg(args, 1, 50), arg(args, 2, 4), arg(args, 3, 110), nowMicros());
        int queries = arg(args, 4, 50);
        String bootstrap = System.getProperty("bench.kafka", "127.0.0.1:9092");
        String suffix = Long.toString(System.currentTimeMillis(), 36);
        String keyspace = "bench_analytics_" + suffix;
        String topic = "bench.flows." + suffix;
        JsonMapper json = JsonMapper.builder().build();
        System.out.printf("records=%d vns=%d vrouters=%d spread=%d min cpus=%d keyspace=%s topic=%s%n", records,
                load.vns(), load.vrouters(), load.spreadMinutes(), Runtime.getRuntime().availableProcessors(), keyspace, topic);
        System.out.printf("load average at start: %s%n", loadAverage());

        parseOnly(load, json);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
             CqlSession session = CqlSession.builder().addContactPoint(new InetSocketAddress("127.0.0.1", 9042))
                     .withLocalDatacenter("datacenter1").withConfigLoader(DriverConfigLoader.programmaticBuilder()
                             .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30)).build()).build()) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get(60, TimeUnit.SECONDS);
            AnalyticsProperties properties = properties(keyspace, topic);
            CassandraSchema.create(session, properties);
            System.out.printf("produced %d records to Kafka in %.1f s%n", records, load.produce(bootstrap, topic));

            try {
                FlowStore flows = new FlowStore(session, keyspace, 7200);
                ingest(bootstrap, topic, session, keyspace, flows, json, records);
                query(new QueryParser(Clock.systemUTC()), new QueryExecutor(flows, new StatStore(session, keyspace,
                        3600), new ObjectHistoryStore(session, keyspace, 3600), 5_000_000), load, queries);
                disk(keyspace, records);
            } finally {
                if (!Boolean.getBoolean("bench.keep")) {
                    session.execute("DROP KEYSPACE IF EXISTS " + keyspace);
                    admin.deleteTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
                    boolean keyspaceGone = session.execute("SELECT keyspace_name FROM system_schema.keyspaces"
                            + " WHERE keyspace_name = ?", keyspace).one() == null;
                    System.out.printf("cleanup: keyspace %s %s, topic %s deleted%n", keyspace,
                            keyspaceGone ? "dropped" : "STILL PRESENT", topic);
                }
            }
        }
        System.out.printf("load average at end: %s%n", loadAverage());
    }

    /** Decode and bind only: the analytics side's CPU cost per record, without Kafka or Cassandra. */
    private static void parseOnly(FlowLoad load, JsonMapper json) {
        FlowRecordParser parser = new FlowRecordParser(json, 65536);
        SplittableRandom random = new SplittableRandom(7);
        int n = Math.min(load.records(), 300_000);
        List<byte[]> bodies = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            bodies.add(load.body(i, random).getBytes(StandardCharsets.UTF_8));
        }
        long checksum = 0;
        for (int round = 0; round < 2; round++) {
            long start = System.nanoTime();
            for (byte[] body : bodies) {
                FlowRecord r = parser.parse(null, body);
                checksum += r.aggBytes();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("parse only, round %d: %d records in %.2f s = %.0f records/s (checksum %d)%n",
                    round + 1, n, seconds, n / seconds, checksum);
        }
    }

    private static void ingest(String bootstrap, String topic, CqlSession session, String keyspace, FlowStore flows,
                               JsonMapper json, int records) throws InterruptedException {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "bench-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> dlq = new KafkaProducer<>(Map.<String, Object>of(
                "bootstrap.servers", bootstrap), new ByteArraySerializer(), new ByteArraySerializer());
        StorageIngest ingest = new StorageIngest(consumer, "bench.status.unused",
                new StatusRecordParser(json, 65536), new FlowRecordParser(json, 65536),
                new StorageIngest.Stores(flows, new StatStore(session, keyspace, 3600),
                        new ObjectHistoryStore(session, keyspace, 3600), new BoundedWriter(session, 128)),
                new DeadLetters(dlq, meters, List.of(topic)), Duration.ofSeconds(2), meters);
        ingest.subscribe(List.of(topic));
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        Thread thread = Thread.ofPlatform().name("storage-ingest").start(ingest);
        org.awaitility.Awaitility.await("all records stored").atMost(Duration.ofMinutes(30))
                .pollInterval(Duration.ofMillis(200)).until(() -> storedRecords(meters) >= records);
        double stored = storedRecords(meters);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
        ingest.stop();
        thread.join(30_000);
        dlq.close();
        var write = meters.find("filament.analytics.store.write").timer();
        System.out.printf("ingest Kafka -> Cassandra (3 flow tables, records in chunks): %.0f records in %.1f s = %.0f records/s wall;"
                        + " benchmark JVM used %.1f CPU-s = %.0f records per CPU-second;"
                        + " %d batches, mean batch write %.1f ms, max %.1f ms%n",
                stored, seconds, stored / seconds, cpuSeconds, stored / cpuSeconds, write.count(),
                write.mean(TimeUnit.MILLISECONDS), write.max(TimeUnit.MILLISECONDS));
    }

    private static double storedRecords(SimpleMeterRegistry meters) {
        return meters.find("filament.analytics.flow.records").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static void query(QueryParser parser, QueryExecutor executor, FlowLoad load, int queries) throws Exception {
        SplittableRandom random = new SplittableRandom(99);
        JsonMapper json = JsonMapper.builder().build();
        for (String kind : List.of("rows", "aggregate")) {
            double[] millis = new double[queries];
            long rows = 0;
            for (int q = 0; q < queries; q++) {
                long end = load.nowMicros() - random.nextLong((long) (load.spreadMinutes() - 10) * 60_000_000L);
                String select = kind.equals("rows")
                        ? "[\"vrouter\",\"sourceip\",\"destvn\",\"destip\",\"sport\",\"dport\",\"action\",\"agg-bytes\",\"setup_time\"]"
                        : "[\"destvn\",\"dport\",\"SUM(agg-bytes)\",\"COUNT(flowuuid)\"]";
                String body = "{\"table\":\"FlowRecordTable\",\"start_time\":" + (end - 600_000_000L) + ",\"end_time\":"
                        + end + ",\"select_fields\":" + select + ",\"where\":[[{\"name\":\"sourcevn\",\"value\":\""
                        + FlowLoad.vn(random.nextInt(load.vns())) + "\",\"op\":1}]]}";
                long start = System.nanoTime();
                var result = executor.execute(parser.parse(json.readTree(body))).toCompletableFuture().get(60, TimeUnit.SECONDS);
                millis[q] = (System.nanoTime() - start) / 1e6;
                rows += result.size();
            }
            double[] sorted = millis.clone();
            Arrays.sort(sorted);
            System.out.printf("10-minute flow query by sourcevn (%s): %d queries, mean %d result rows, p50 %.1f ms,"
                            + " p95 %.1f ms, max %.1f ms (first %.1f ms)%n", kind, queries, rows / queries,
                    sorted[queries / 2], sorted[(int) Math.ceil(queries * 0.95) - 1], sorted[queries - 1], millis[0]);
        }
    }

    private static void disk(String keyspace, int records) throws Exception {
        List<Path> locations;
        Map<String, Long> live = new java.util.TreeMap<>();
        try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(
                "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + System.getProperty("bench.jmx-port", "7199") + "/jmxrmi"))) {
            var server = jmx.getMBeanServerConnection();
            ObjectName storage = new ObjectName("org.apache.cassandra.db:type=StorageService");
            server.invoke(storage, "forceKeyspaceFlush", new Object[] {keyspace, new String[0]},
                    new String[] {String.class.getName(), String[].class.getName()});
            // Compactions replace SSTables; while one runs, the old and the new files are both on disk.
            ObjectName pending = new ObjectName("org.apache.cassandra.metrics:type=Compaction,name=PendingTasks");
            org.awaitility.Awaitility.await("compactions finished").atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> ((Number) server.getAttribute(pending, "Value")).intValue() == 0);
            for (String table : Arrays.stream(FlowIndex.values()).map(FlowIndex::table).toList()) {
                live.put(table, ((Number) server.getAttribute(new ObjectName("org.apache.cassandra.metrics:type=Table,keyspace="
                        + keyspace + ",scope=" + table + ",name=LiveDiskSpaceUsed"), "Count")).longValue());
            }
            // Where the node keeps its data, whichever checkout started it; -Dbench.cassandra-data overrides.
            String override = System.getProperty("bench.cassandra-data");
            locations = override != null ? List.of(Path.of(override))
                    : Arrays.stream((String[]) server.getAttribute(storage, "AllDataFileLocations")).map(Path::of).toList();
        }
        long liveTotal = live.values().stream().mapToLong(Long::longValue).sum();
        live.forEach((table, bytes) -> System.out.printf("disk, live SSTables of %-26s %,14d bytes%n", table, bytes));
        System.out.printf("disk after flush, live SSTables: %,d bytes in the flow tables for %,d records = %.1f MiB per"
                + " million flow records (LZ4-compressed)%n", liveTotal, records, liveTotal / (records / 1e6) / 1048576.0);
        Path dir = locations.stream().map(l -> l.resolve(keyspace)).filter(Files::isDirectory).findFirst().orElse(null);
        if (dir == null) {
            System.out.printf("disk: no directory %s under %s%n", keyspace, locations);
            return;
        }
        long total = 0;
        try (Stream<Path> tables = Files.list(dir)) {
            for (Path table : tables.sorted().toList()) {
                long bytes = size(table);
                if (table.getFileName().toString().startsWith("flow")) {
                    total += bytes;
                }
            }
        }
        System.out.printf("disk, files under %s: %,d bytes in the flow tables (SSTables with their indexes and"
                + " statistics)%n", dir, total);
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static AnalyticsProperties properties(String keyspace, String topic) {
        return new AnalyticsProperties("127.0.0.1:9092", "bench", keyspace, 1,
                new AnalyticsProperties.Topics("bench.status", topic, "bench.config", 6),
                new AnalyticsProperties.Ttl(Duration.ofHours(48), Duration.ofHours(2), Duration.ofHours(168)),
                new AnalyticsProperties.Ingest(65536, 2000, 128, Duration.ofSeconds(2)),
                new AnalyticsProperties.Alarms(100, Duration.ofMinutes(2), List.of(), Duration.ofSeconds(5)),
                new AnalyticsProperties.Stream(100, 1), new AnalyticsProperties.Query(5_000_000, Duration.ofSeconds(30)));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long nowMicros() {
        var now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }
}
