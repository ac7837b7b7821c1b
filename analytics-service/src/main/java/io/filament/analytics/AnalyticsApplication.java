package io.filament.analytics;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** UVEs, flow records, queries and alarms over the status and flow topics. */
@SpringBootApplication
@EnableConfigurationProperties(AnalyticsProperties.class)
public class AnalyticsApplication {

    public static void main(String[] args) {
        // Netty 4.2's adaptive allocator breaks the Cassandra driver's frame decoder under concurrent load; the
        // pooled allocator (Netty 4.1's default) does not. An explicit -Dio.netty.allocator.type still wins.
        if (System.getProperty("io.netty.allocator.type") == null) {
            System.setProperty("io.netty.allocator.type", "pooled");
        }
        SpringApplication.run(AnalyticsApplication.class, args);
    }
}
