package io.filament.schema;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Projects the config log into desired state: routing instances, route targets, connections and ACLs. */
@SpringBootApplication
public class SchemaTransformerApplication {

    public static void main(String[] args) {
        useCassandraDriverCompatibleAllocator();
        SpringApplication.run(SchemaTransformerApplication.class, args);
    }

    /**
     * Netty 4.2 defaults to its adaptive allocator, with which the Cassandra driver's frame decoder has been seen to
     * fail on responses to concurrent conditional writes (IndexOutOfBoundsException on a sliced buffer, the
     * connection closed). The pooled allocator, Netty 4.1's default, does not have this problem. An explicit
     * setting on the command line wins.
     */
    static void useCassandraDriverCompatibleAllocator() {
        if (System.getProperty("io.netty.allocator.type") == null) {
            System.setProperty("io.netty.allocator.type", "pooled");
        }
    }
}
