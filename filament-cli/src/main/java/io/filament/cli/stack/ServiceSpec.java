package io.filament.cli.stack;

import java.util.List;

/**
 * One Filament service process of the local stack.
 *
 * @param name      unique name in the stack (also its pid and log file name), e.g. {@code agent-host1}
 * @param module    the Maven module whose Spring Boot jar it runs
 * @param host      the address its HTTP endpoints bind (a simulated host's fabric address for per-host services)
 * @param httpPort  the port of its REST and actuator endpoints
 * @param heap      maximum heap, e.g. {@code 256m}
 * @param arguments extra application arguments ({@code --key=value})
 */
public record ServiceSpec(String name, String module, String host, int httpPort, String heap, List<String> arguments) {

    public ServiceSpec {
        arguments = List.copyOf(arguments);
    }

    public String address() {
        return host + ":" + httpPort;
    }
}
