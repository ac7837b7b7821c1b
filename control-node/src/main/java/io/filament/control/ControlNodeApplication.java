package io.filament.control;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** XMPP server for agents, routing-instance RIBs and BGP; distributes routes and config to hosts. */
@SpringBootApplication
public class ControlNodeApplication {

    public static void main(String[] args) {
        SpringApplication.run(ControlNodeApplication.class, args);
    }
}
