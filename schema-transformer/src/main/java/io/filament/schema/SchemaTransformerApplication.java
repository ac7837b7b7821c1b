package io.filament.schema;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Projects the config log into desired state: routing instances, route targets, connections and ACLs. */
@SpringBootApplication
public class SchemaTransformerApplication {

    public static void main(String[] args) {
        SpringApplication.run(SchemaTransformerApplication.class, args);
    }
}
