package io.filament.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks an integration test that talks to the real local Kafka broker and Cassandra node.
 *
 * <p>The infrastructure is reused when it already runs (as under {@code bin/filament test} or CI) and
 * started once per test JVM otherwise; whatever this extension started is stopped when the JVM ends. If it
 * cannot be reached or started, every test of the class fails with the reason: integration tests never skip.
 * Test methods and constructors may take a {@link LocalInfrastructure} parameter.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LocalInfrastructureExtension.class)
public @interface LocalInfrastructureTest {
}
