package io.filament.control.xmpp.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * An agent on Debian's slixmpp (a second, independent XMPP implementation), run as a child process of Debian's
 * {@code /usr/bin/python3} and driven over stdin; what it receives comes back as lines on stdout.
 */
final class SlixmppAgent implements AutoCloseable {

    static final Path PYTHON = Path.of("/usr/bin/python3");

    final Process process;
    final List<String> lines = new CopyOnWriteArrayList<>();
    private final Writer stdin;

    private SlixmppAgent(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("READ FAILED " + e.getMessage());
            }
        }, "slixmpp-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    static SlixmppAgent start(InetSocketAddress server, String host, String password) throws IOException, URISyntaxException {
        if (!Files.isExecutable(PYTHON)) {
            throw new IllegalStateException(PYTHON + " is missing: install Debian's python3-slixmpp");
        }
        Path script = Path.of(SlixmppAgent.class.getResource("/slixmpp/tf_agent.py").toURI());
        Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), host, password, ControlNodeFixture.DOMAIN,
                server.getHostString(), String.valueOf(server.getPort()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        return new SlixmppAgent(p);
    }

    void command(String line) throws IOException {
        stdin.write(line + "\n");
        stdin.flush();
    }

    /** Sends a command and waits for its DONE (or fails on ERROR). */
    void run(String line) throws IOException {
        int before = lines.size();
        command(line);
        String verb = line.split(" ")[0];
        await().atMost(Duration.ofSeconds(15)).until(() -> lines.subList(before, lines.size()).stream()
                .anyMatch(l -> l.equals("DONE " + verb) || l.equals("ERROR " + verb)));
        if (lines.subList(before, lines.size()).contains("ERROR " + verb)) {
            throw new IllegalStateException("slixmpp agent: " + line + " was answered with an error");
        }
    }

    boolean saw(String prefix) {
        return lines.stream().anyMatch(l -> l.startsWith(prefix));
    }

    int lastIndexOf(String prefix) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
