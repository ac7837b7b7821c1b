package io.filament.dataplane.io.tap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs iproute2's {@code ip} for the link changes that have no simple ioctl: moving a device into a network
 * namespace, renaming it there, setting its MAC, MTU and state. Each call is bounded in time and fails with the
 * command's own error text.
 */
public final class IpCommand {

    private static final long TIMEOUT_SECONDS = 10;

    private IpCommand() {
    }

    public static void run(String... args) {
        List<String> command = new ArrayList<>();
        command.add("ip");
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new LinkSetupException(String.join(" ", command) + ": no answer in " + TIMEOUT_SECONDS + " s");
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                throw new LinkSetupException(String.join(" ", command) + ": exit " + p.exitValue() + ": " + output);
            }
        } catch (IOException e) {
            throw new LinkSetupException(String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LinkSetupException(String.join(" ", command) + ": interrupted");
        }
    }

    /** A link change the kernel refused. */
    public static final class LinkSetupException extends RuntimeException {
        public LinkSetupException(String message) {
            super(message);
        }
    }
}
