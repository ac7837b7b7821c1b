package io.filament.configapi.store;

import com.datastax.oss.driver.api.core.DriverException;
import io.filament.configapi.error.StoreUnavailableException;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/** Turns driver failures (no node, timeouts, unavailable) into a 503 that says what could not be done. */
final class StoreCalls {

    private StoreCalls() {
    }

    static <T> T call(String what, Supplier<T> body) {
        try {
            return body.get();
        } catch (DriverException e) {
            throw new StoreUnavailableException("Config store unavailable while " + what + ": " + e.getMessage(), e);
        } catch (CompletionException e) {
            if (e.getCause() instanceof DriverException driver) {
                throw new StoreUnavailableException("Config store unavailable while " + what + ": "
                        + driver.getMessage(), driver);
            }
            throw e;
        }
    }

    static void run(String what, Runnable body) {
        call(what, () -> {
            body.run();
            return null;
        });
    }
}
