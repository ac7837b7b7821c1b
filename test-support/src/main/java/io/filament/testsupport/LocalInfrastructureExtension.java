package io.filament.testsupport;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives integration tests the real local Kafka and Cassandra. The first test class of a JVM probes both;
 * when either is down it runs {@code bin/filament infra up} and, at the end of the JVM's test run, stops
 * exactly what it started with {@code bin/filament infra down}.
 */
final class LocalInfrastructureExtension implements BeforeAllCallback, ParameterResolver {

    static final LocalInfrastructure DEFAULT = new LocalInfrastructure(
            System.getProperty("filament.kafka.bootstrap", "127.0.0.1:9092"),
            new InetSocketAddress(System.getProperty("filament.cassandra.host", "127.0.0.1"),
                    Integer.getInteger("filament.cassandra.port", 9042)),
            "datacenter1");

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(LocalInfrastructureExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        // The root store lives for the whole test run of this JVM and closes its values at the end.
        context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(InfrastructureLease.class, key -> InfrastructureLease.acquire(DEFAULT),
                        InfrastructureLease.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == LocalInfrastructure.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return DEFAULT;
    }
}
