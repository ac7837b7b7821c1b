package io.filament.cli.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The configuration files and JVM options of the local Cassandra node. */
final class CassandraConfig {

    private CassandraConfig() {
    }

    static String yaml(String host, int cqlPort, int storagePort, Path data) {
        return """
                cluster_name: filament-local
                num_tokens: 1
                initial_token: 0
                partitioner: org.apache.cassandra.dht.Murmur3Partitioner
                endpoint_snitch: SimpleSnitch
                seed_provider:
                  - class_name: org.apache.cassandra.locator.SimpleSeedProvider
                    parameters:
                      - seeds: "%1$s:%3$d"
                listen_address: %1$s
                rpc_address: %1$s
                storage_port: %3$d
                native_transport_port: %2$d
                start_native_transport: true
                commitlog_sync: periodic
                commitlog_sync_period: 10000ms
                data_file_directories: [%4$s/data]
                commitlog_directory: %4$s/commitlog
                saved_caches_directory: %4$s/saved_caches
                hints_directory: %4$s/hints
                cdc_raw_directory: %4$s/cdc_raw
                authenticator: AllowAllAuthenticator
                authorizer: AllowAllAuthorizer
                auto_snapshot: false
                file_cache_size: 64MiB
                key_cache_size: 16MiB
                """.formatted(host, cqlPort, storagePort, data);
    }

    static final String LOGBACK = """
            <configuration>
              <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%-5level [%thread] %date{ISO8601} %logger{20} %msg%n</pattern></encoder>
              </appender>
              <root level="INFO"><appender-ref ref="STDOUT"/></root>
            </configuration>
            """;

    /** Heap, GC and the module flags Cassandra's own jvm17-server.options gives Java 17. */
    static List<String> jvmOptions(String heap) {
        List<String> options = new ArrayList<>(List.of(
                "-Xms" + heap, "-Xmx" + heap, "-Xss256k",
                "-XX:+UseG1GC", "-XX:+ParallelRefProcEnabled", "-XX:MaxDirectMemorySize=256m",
                "-Djdk.attach.allowAttachSelf=true",
                "-Dio.netty.tryReflectionSetAccessible=true",
                "-Dio.netty.allocator.useCacheForAllThreads=true",
                "-Dio.netty.allocator.maxOrder=11",
                "-Dcassandra-foreground=yes",
                "-Dcassandra.skip_wait_for_gossip_to_settle=0",
                "-Dcassandra.ring_delay_ms=1000"));
        for (String export : List.of("java.base/jdk.internal.misc", "java.management.rmi/com.sun.jmx.remote.internal.rmi",
                "java.rmi/sun.rmi.registry", "java.rmi/sun.rmi.server", "java.sql/java.sql", "java.base/java.lang.ref",
                "jdk.unsupported/sun.misc", "jdk.compiler/com.sun.tools.javac.file", "jdk.attach/sun.tools.attach")) {
            options.add("--add-exports");
            options.add(export + "=ALL-UNNAMED");
        }
        for (String open : List.of("java.base/java.lang.module", "java.base/jdk.internal.loader",
                "java.base/jdk.internal.ref", "java.base/jdk.internal.reflect", "java.base/jdk.internal.math",
                "java.base/jdk.internal.module", "java.base/jdk.internal.util.jar",
                "jdk.management/com.sun.management.internal", "java.base/sun.nio.ch", "java.base/java.io",
                "java.base/java.lang.reflect", "jdk.compiler/com.sun.tools.javac", "java.base/java.lang",
                "java.base/java.util")) {
            options.add("--add-opens");
            options.add(open + "=ALL-UNNAMED");
        }
        return options;
    }
}
