package io.filament.cli.demo;

import io.filament.cli.output.Table;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The demo's closing summary: what was checked, with latencies, and where to look next. */
public final class DemoReport {

    private DemoReport() {
    }

    public static void print(List<DemoCheck> checks, String tryIt, Duration stackReady, Duration total, PrintStream out) {
        out.println();
        Table table = new Table("CHECK", "FROM", "TO", "EXPECTED", "RESULT", "RTT P50");
        for (DemoCheck check : checks) {
            table.row(check.what(), check.from(), check.to(), check.expectReachable() ? "reachable" : "blocked",
                    check.passed() ? "ok (" + check.received() + "/" + check.sent() + " replies)" : "FAILED",
                    Double.isNaN(check.medianMillis()) ? "-" : String.format(Locale.ROOT, "%.3f ms", check.medianMillis()));
        }
        table.print(out);
        out.printf(Locale.ROOT, "%nstack ready in %.1f s, demo done in %.1f s after the command started%n",
                stackReady.toMillis() / 1000.0, total.toMillis() / 1000.0);
        out.println("""

                look around:
                  bin/filament status                                   every process, address and health
                  bin/filament get virtual-network                      the networks (config API)
                  bin/filament routes --host host1 --vrf default-domain:demo:red:red
                  bin/filament flows --host host2                       flows in host2's dataplane
                  curl -s 127.0.0.1:8081/analytics/uves/vrouter/host1   host1's merged UVE
                  sudo %s
                stop everything (services, infrastructure, namespaces): bin/filament down""".formatted(tryIt));
    }
}
