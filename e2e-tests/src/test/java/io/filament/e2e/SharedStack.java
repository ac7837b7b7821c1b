package io.filament.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs an end-to-end test class on the one local stack of this test run: the first class to need it starts it
 * (≈ 3 minutes), every later class reuses it, and when the run ends every namespace the tests made is deleted
 * and every service the run started is stopped (services a {@code bin/filament up} left running are adopted and
 * left running). Test methods and constructors may take a {@link RunningStack} parameter. Declare it after
 * {@code @LocalInfrastructureTest} and {@code @RequiresRoot} so that those checks come first.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SharedStackExtension.class)
public @interface SharedStack {
}
