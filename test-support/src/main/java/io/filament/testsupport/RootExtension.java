package io.filament.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Fails a test class up front when the JVM does not run as root. */
final class RootExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!isRoot()) {
            throw new IllegalStateException(context.getDisplayName()
                    + " needs root (network namespaces, TAP devices): run the tests as root, e.g. sudo bin/filament test");
        }
    }

    static boolean isRoot() {
        try {
            // The effective uid is the third field of the Uid: line in /proc/self/status.
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");
                }
            }
            return false;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/status to check for root", e);
        }
    }
}
