package io.filament.agent;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Per-host controller: XMPP to control nodes, port API, DHCP, programs the dataplane. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VrouterAgentApplication {

    public static void main(String[] args) {
        SpringApplication.run(VrouterAgentApplication.class, args);
    }
}
