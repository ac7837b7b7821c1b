package io.filament.dataplane;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Per-host packet engine: TAP ports, overlay encapsulation, VRF forwarding, flows and policy. */
@SpringBootApplication
public class VrouterDataplaneApplication {

    public static void main(String[] args) {
        // The pipeline validates every offset itself; Netty's per-access reference-count and bounds checks would
        // only repeat that work on every byte read (unless explicitly configured otherwise).
        System.setProperty("io.netty.buffer.checkAccessible",
                System.getProperty("io.netty.buffer.checkAccessible", "false"));
        System.setProperty("io.netty.buffer.checkBounds", System.getProperty("io.netty.buffer.checkBounds", "false"));
        SpringApplication.run(VrouterDataplaneApplication.class, args);
    }
}
