package io.filament.cli.netns;

import io.filament.cli.infra.InfraException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a system command (ip, ping, udhcpc) with a time limit and captures its output. */
public final class HostCommand {

    private HostCommand() {
    }

    public static CommandResult run(Duration timeout, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor();
                return new CommandResult(124, "timed out after " + timeout.toSeconds() + " s: " + String.join(" ", command));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new CommandResult(process.exitValue(), output);
        } catch (IOException e) {
            throw new InfraException("cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraException("interrupted while running " + String.join(" ", command), e);
        }
    }

    /** Runs the command and fails with its output when it exits non-zero. */
    public static String check(Duration timeout, List<String> command) {
        CommandResult result = run(timeout, command);
        if (!result.succeeded()) {
            throw new InfraException(String.join(" ", command) + " failed (exit " + result.exitCode() + "): "
                    + result.output().strip());
        }
        return result.output();
    }
}
