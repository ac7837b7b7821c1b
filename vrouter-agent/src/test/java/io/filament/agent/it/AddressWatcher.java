package io.filament.agent.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a CNI plugin does for a workload: configures the address on {@code eth0} the moment that interface appears
 * in the namespace. A shell follows the namespace's link events ({@code ip monitor link}, started before the
 * event that creates the interface) and runs {@code ip addr add} when {@code eth0} shows up; the monitor is known
 * to be listening once it has reported the namespace's loopback being set up. The moment the address is on is
 * read from the shell's output. Closing it stops the shell and its monitor.
 */
final class AddressWatcher implements AutoCloseable {

    private static final String SCRIPT = """
            timeout "$3" ip -n "$1" monitor link | while read -r line; do
              case "$line" in
                Deleted*) ;;
                *" lo: "*) echo ready ;;
                *" eth0: "*) ip -n "$1" addr add "$2" dev eth0; echo "added $?"; exit 0 ;;
              esac
            done
            """;

    private final Process shell;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final CompletableFuture<long[]> added = new CompletableFuture<>();

    private AddressWatcher(Process shell) {
        this.shell = shell;
        Thread.ofPlatform().daemon().name("address-watcher").start(this::read);
    }

    /** Starts watching {@code namespace} (freshly made, loopback still down); returns once the monitor listens. */
    static AddressWatcher start(Netns namespace, String addressWithLength, int limitSeconds)
            throws IOException, InterruptedException {
        AddressWatcher w = new AddressWatcher(new ProcessBuilder(List.of("sh", "-c", SCRIPT, "address-watcher",
                namespace.name, addressWithLength, Integer.toString(limitSeconds)))
                .redirectErrorStream(true).start());
        try {
            w.awaitListening(namespace);
        } catch (RuntimeException e) {
            w.close();
            throw e;
        }
        return w;
    }

    /**
     * Sets the namespace's loopback up (and down and up again, as often as needed) until the monitor reports it:
     * {@code ip monitor} says nothing when it has subscribed, so a change it reports is the only sign. Ends with
     * the loopback up.
     */
    private void awaitListening(Netns namespace) throws IOException, InterruptedException {
        String state = "down";
        for (int attempt = 0; attempt < 200 && (!ready.isDone() || state.equals("down")); attempt++) {
            state = state.equals("up") ? "down" : "up";
            Netns.Result set = Netns.run(List.of("ip", "-n", namespace.name, "link", "set", "lo", state), 10);
            if (set.code() != 0) {
                throw new IllegalStateException("cannot set lo " + state + " in " + namespace.name + ": "
                        + set.output());
            }
            try {
                ready.get(50, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // not listening yet: change the loopback again
            } catch (ExecutionException e) {
                throw new IllegalStateException("the link monitor of " + namespace.name + " ended", e.getCause());
            }
        }
        if (!ready.isDone() || state.equals("down")) {
            throw new IllegalStateException("the link monitor of " + namespace.name + " reported no loopback change");
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(shell.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                long now = System.nanoTime();
                if (line.equals("ready")) {
                    ready.complete(null);
                } else if (line.startsWith("added ")) {
                    added.complete(new long[] {now, Long.parseLong(line.substring(6).trim())});
                }
            }
        } catch (IOException e) {
            added.completeExceptionally(e);
        }
        ready.completeExceptionally(new IllegalStateException("the watcher ended before its monitor listened"));
        added.completeExceptionally(new IllegalStateException("the watcher ended before eth0 appeared"));
    }

    /** The clock reading at which the address was on; fails if {@code ip addr add} failed or did not run. */
    long addedAt(int seconds) throws InterruptedException {
        try {
            long[] r = added.get(seconds, TimeUnit.SECONDS);
            if (r[1] != 0) {
                throw new AssertionError("ip addr add on eth0 exited with " + r[1]);
            }
            return r[0];
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the address was not configured within " + seconds + " s", e);
        }
    }

    @Override
    public void close() {
        ProcessTree.stop(shell);
    }
}
