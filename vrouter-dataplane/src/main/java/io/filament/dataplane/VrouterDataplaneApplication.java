package io.filament.dataplane;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Per-host packet engine: TAP ports, overlay encapsulation, VRF forwarding, flows and policy. */
@SpringBootApplication
public class VrouterDataplaneApplication {

    public static void main(String[] args) {
        SpringApplication.run(VrouterDataplaneApplication.class, args);
    }
}
