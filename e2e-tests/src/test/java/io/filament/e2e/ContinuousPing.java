package io.filament.e2e;

import io.filament.cli.netns.Netns;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

/**
 * An iputils ping from a namespace that runs until closed, one echo every 0.2 s, recording which sequence
 * numbers were answered (late answers count: ping waits for them), so that a gap shows exactly which echoes
 * were lost.
 */
public final class ContinuousPing implements AutoCloseable {

    private static final Pattern REPLY = Pattern.compile("bytes from .*icmp_seq=(\\d+)");

    private final Process process;
    private final NavigableSet<Long> answered = new ConcurrentSkipListSet<>();
    private final Thread reader;

    private ContinuousPing(Process process) {
        this.process = process;
        this.reader = Thread.ofVirtual().name("continuous-ping").start(this::read);
    }

    public static ContinuousPing start(Netns from, String destination) {
        List<String> command = List.of("ip", "netns", "exec", from.name(), "ping", "-n", "-i", "0.2", destination);
        try {
            return new ContinuousPing(new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start ping in " + from.name(), e);
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                Matcher reply = REPLY.matcher(line);
                if (reply.find() && !line.contains("DUP!")) {
                    answered.add(Long.parseLong(reply.group(1)));
                }
            }
        } catch (IOException e) {
            // The process was killed while a line was being read; what was read so far stands.
        }
    }

    public int answeredCount() {
        return answered.size();
    }

    /** The highest sequence number answered so far, or 0. */
    public long lastAnswered() {
        return answered.isEmpty() ? 0 : answered.last();
    }

    /** Echoes sent before the last answered one that got no answer (sequence numbers start at 1). */
    public List<Long> lost() {
        return LongStream.rangeClosed(1, lastAnswered()).filter(seq -> !answered.contains(seq)).boxed().toList();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
