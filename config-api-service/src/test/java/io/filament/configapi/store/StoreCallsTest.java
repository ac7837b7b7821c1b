package io.filament.configapi.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import io.filament.configapi.error.StoreUnavailableException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class StoreCallsTest {

    @Test
    void driverFailuresBecomeA503NamingWhatWasBeingDone() {
        assertThatThrownBy(() -> StoreCalls.call("reading 42", () -> {
            throw new DriverTimeoutException("Query timed out after PT5S");
        })).isInstanceOfSatisfying(StoreUnavailableException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.getMessage()).contains("reading 42").contains("timed out");
        });
        assertThatThrownBy(() -> StoreCalls.run("committing x", () -> {
            throw new CompletionException(new NoNodeAvailableException());
        })).isInstanceOf(StoreUnavailableException.class).hasMessageContaining("committing x");
    }

    @Test
    void otherFailuresPassThroughUnchanged() {
        assertThatThrownBy(() -> StoreCalls.run("x", () -> {
            throw new IllegalStateException("bug");
        })).isExactlyInstanceOf(IllegalStateException.class);
        assertThat(StoreCalls.call("x", () -> 7)).isEqualTo(7);
    }
}
