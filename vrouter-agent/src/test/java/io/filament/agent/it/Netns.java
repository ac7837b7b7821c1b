package io.filament.agent.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A network namespace made for one test (the workload side of a port); deleted on close. */
final class Netns implements AutoCloseable {

    final String name;

    private Netns(String name) {
        this.name = name;
    }

    static Netns create(String name) throws IOException, InterruptedException {
        run(List.of("ip", "netns", "add", name), 10);
        return new Netns(name);
    }

    /** Runs a command inside the namespace; returns exit code and output. */
    Result exec(int timeoutSeconds, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
        cmd.addAll(List.of(command));
        return run(cmd, timeoutSeconds);
    }

    boolean hasLink(String ifname) throws IOException, InterruptedException {
        return run(List.of("ip", "-n", name, "link", "show", ifname), 10).code() == 0;
    }

    static Result run(List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            return new Result(-1, new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8) + " (timed out)");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    record Result(int code, String output) {
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Result r = run(List.of("ip", "netns", "del", name), 10);
        if (r.code() != 0) {
            throw new IOException("could not delete namespace " + name + ": " + r.output());
        }
    }
}
