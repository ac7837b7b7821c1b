package io.filament.configapi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** VNC-compatible config REST API over an event-sourced Cassandra store, publishing CloudEvents to Kafka. */
@SpringBootApplication
public class ConfigApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConfigApiApplication.class, args);
    }
}
