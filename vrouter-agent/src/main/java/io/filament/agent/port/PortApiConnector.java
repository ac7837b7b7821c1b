package io.filament.agent.port;

import io.filament.agent.config.AgentProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.connector.Connector;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Puts the port API on its own listener ({@code <port-api address>:9091}, TF's port-IPC port) next to the
 * introspection/actuator listener (8085), and keeps the two surfaces apart: port paths answer only on the
 * port-API listener, everything else only on the main one.
 */
public final class PortApiConnector extends OncePerRequestFilter
        implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final AgentProperties properties;
    private final AtomicReference<Connector> connector = new AtomicReference<>();

    public PortApiConnector(AgentProperties properties) {
        this.properties = properties;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        Connector c = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
        c.setPort(properties.portApi().port());
        c.setProperty("address", properties.portApiAddress());
        connector.set(c);
        factory.addAdditionalConnectors(c);
    }

    /** The port the port API listens on (differs from the configured one when that is 0). */
    public int localPort() {
        Connector c = connector.get();
        if (c == null) {
            throw new IllegalStateException("the port-API listener is not configured");
        }
        return c.getLocalPort();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Connector c = connector.get();
        boolean onPortApi = c != null && request.getLocalPort() == c.getLocalPort();
        String path = request.getRequestURI();
        boolean portPath = path.equals("/port") || path.startsWith("/port/") || path.equals("/ports");
        if (onPortApi != portPath) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        chain.doFilter(request, response);
    }
}
