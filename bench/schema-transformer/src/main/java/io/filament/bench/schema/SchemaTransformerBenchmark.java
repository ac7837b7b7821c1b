package io.filament.bench.schema;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmarks of the schema transformer. Modes: {@code full} (full recompute), {@code incremental} (translator
 * latency in process), {@code kafka} (config event to desired record through Kafka, against the packaged jar and
 * the local Kafka and Cassandra), {@code all}. Options: {@code --networks=10000 --policies=1000 --groups=2000
 * --rate=1000 --seconds=30 --warmup=40 --rounds=1 --roll-desired-after=0 --iterations=5 --kafka=127.0.0.1:9092
 * --cassandra=127.0.0.1:9042 --jar=schema-transformer/target/schema-transformer.jar
 * --desired-topic-configs=segment.bytes=16777216 --transformer-java-options="-XX:+UseZGC"}
 * ({@code roll-desired-after}: seconds into the measured rounds at which the desired topic's segment is rolled, so
 * that the broker cleans it, 0 for never; {@code desired-topic-configs}: topic configs the desired topic is created
 * with besides compaction, separated by commas; the last: JVM options of the transformer the kafka mode starts,
 * separated by spaces).
 */
public final class SchemaTransformerBenchmark {

    private SchemaTransformerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 && !args[0].startsWith("--") ? args[0] : "all";
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        int networks = Integer.parseInt(options.getOrDefault("networks", "10000"));
        int policies = Integer.parseInt(options.getOrDefault("policies", "1000"));
        int groups = Integer.parseInt(options.getOrDefault("groups", "2000"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "1000"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
        int iterations = Integer.parseInt(options.getOrDefault("iterations", "5"));
        var config = new BenchConfig(networks, policies, groups);
        System.out.printf("config: %d networks, %d policies, %d security groups; %d processors, max heap %d MB%n",
                networks, policies, groups, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        if (mode.equals("full") || mode.equals("all")) {
            FullRecomputeBench.run(config, iterations);
        }
        if (mode.equals("incremental") || mode.equals("all")) {
            IncrementalLatencyBench.run(config, networks, rate, seconds);
        }
        if (mode.equals("kafka") || mode.equals("all")) {
            String[] cassandra = options.getOrDefault("cassandra", "127.0.0.1:9042").split(":");
            new KafkaLatencyBench(options.getOrDefault("kafka", "127.0.0.1:9092"),
                    new InetSocketAddress(cassandra[0], Integer.parseInt(cassandra[1])),
                    Path.of(options.getOrDefault("jar", "schema-transformer/target/schema-transformer.jar")),
                    options.getOrDefault("transformer-java-options", "").isBlank() ? List.of()
                            : List.of(options.get("transformer-java-options").trim().split("\\s+")))
                    .run(config, networks, new KafkaLatencyBench.Schedule(rate,
                            Integer.parseInt(options.getOrDefault("warmup", "40")), seconds,
                            Integer.parseInt(options.getOrDefault("rounds", "1")),
                            Integer.parseInt(options.getOrDefault("roll-desired-after", "0")),
                            topicConfigs(options.getOrDefault("desired-topic-configs", ""))));
        }
    }

    /** {@code key=value,key=value} as a map; blank for none. */
    private static Map<String, String> topicConfigs(String text) {
        Map<String, String> configs = new HashMap<>();
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--desired-topic-configs: '" + pair + "' is not key=value");
            }
            configs.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return configs;
    }
}
