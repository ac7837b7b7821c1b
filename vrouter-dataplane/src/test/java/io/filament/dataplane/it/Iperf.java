package io.filament.dataplane.it;

import io.filament.dataplane.io.Shell;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** iperf3 between two namespaces: a one-shot server and a client run; returns the received rate. */
final class Iperf {

    private static final Pattern RECEIVED = Pattern.compile(
            "\"sum_received\"\\s*:\\s*\\{[^}]*?\"bits_per_second\"\\s*:\\s*([0-9.e+]+)", Pattern.DOTALL);

    private Iperf() {
    }

    record Result(double bitsPerSecond, String json) {
    }

    /** Runs a TCP transfer of {@code seconds} from {@code clientNs} to {@code serverIp} (reverse: server sends). */
    static Result tcp(String serverNs, String clientNs, String serverIp, int seconds, boolean reverse)
            throws Exception {
        Process server = new ProcessBuilder("ip", "netns", "exec", serverNs, "iperf3", "-s", "-1", "-p", "5201")
                .redirectErrorStream(true).start();
        try {
            awaitListening(serverNs);
            String[] cmd = reverse
                    ? new String[] {"ip", "netns", "exec", clientNs, "iperf3", "-c", serverIp, "-t", "" + seconds,
                        "-J", "-R", "--connect-timeout", "3000"}
                    : new String[] {"ip", "netns", "exec", clientNs, "iperf3", "-c", serverIp, "-t", "" + seconds,
                        "-J", "--connect-timeout", "3000"};
            Shell.Result r = Shell.exec(seconds + 30L, cmd);
            if (r.exit() != 0) {
                throw new AssertionError("iperf3 failed (exit " + r.exit() + "): " + r.output());
            }
            Matcher m = RECEIVED.matcher(r.output());
            if (!m.find()) {
                throw new AssertionError("no sum_received in iperf3 output: " + r.output());
            }
            return new Result(Double.parseDouble(m.group(1)), r.output());
        } finally {
            server.destroy();
            server.waitFor(5, TimeUnit.SECONDS);
            server.destroyForcibly();
        }
    }

    static void awaitListening(String ns) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> Shell.exec(5, "ip", "netns", "exec", ns, "ss", "-ltn").output().contains(":5201"));
    }
}
