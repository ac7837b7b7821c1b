package io.filament.e2e;

import static org.awaitility.Awaitility.await;

import io.filament.cli.netns.Netns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Busybox {@code nc -l} inside a VM's namespace: accepts one TCP connection on a port and keeps what the peer
 * sent. Closing it kills the listener if no connection came.
 */
public final class TcpListener implements AutoCloseable {

    private static final Duration READY = Duration.ofSeconds(10);

    private final Netns netns;
    private final int port;
    private final Process process;

    private TcpListener(Netns netns, int port, Process process) {
        this.netns = netns;
        this.port = port;
        this.process = process;
    }

    /** Starts the listener and returns once the socket is in LISTEN state inside the namespace. */
    public static TcpListener start(Netns netns, int port) {
        List<String> command = List.of("ip", "netns", "exec", netns.name(), "busybox", "nc", "-l", "-p",
                Integer.toString(port));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start nc -l in " + netns.name(), e);
        }
        TcpListener listener = new TcpListener(netns, port, process);
        try {
            await().atMost(READY).pollInterval(Duration.ofMillis(50)).until(listener::listening);
        } catch (RuntimeException e) {
            listener.close();
            throw e;
        }
        return listener;
    }

    private boolean listening() {
        String sockets = netns.exec(Duration.ofSeconds(5), "ss", "-Hltn", "sport", "= :" + port).output();
        return sockets.contains("LISTEN");
    }

    /**
     * Sends one line from {@code client}'s namespace with {@code nc -w}; true when the connection was
     * established (and the line written), false when it was refused or timed out.
     */
    public static boolean connect(Netns client, String address, int port, String line, Duration timeout) {
        return client.exec(timeout.plusSeconds(5), "sh", "-c", "echo " + line + " | busybox nc -w "
                + timeout.toSeconds() + " " + address + " " + port).succeeded();
    }

    /** What the accepted connection delivered, once the peer closed it; empty when none came within {@code wait}. */
    public String received(Duration wait) {
        try {
            if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return "";
            }
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read nc's output", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
