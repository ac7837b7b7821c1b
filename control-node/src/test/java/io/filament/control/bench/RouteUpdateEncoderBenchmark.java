package io.filament.control.bench;

import io.filament.contracts.xmpp.ItemsNode;
import io.filament.contracts.xmpp.NextHop;
import io.filament.contracts.xmpp.RouteEntry;
import io.filament.contracts.xmpp.RoutePrefix;
import io.filament.contracts.xmpp.TunnelEncapsulation;
import io.filament.contracts.xmpp.XmppFamily;
import io.filament.control.xmpp.wire.RouteUpdateEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Route updates encoded per second on one core: full messages of 32 items (the TF batch size) with one next
 * hop each, to UTF-8 bytes as they go on the wire. One operation = one route item.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RouteUpdateEncoderBenchmark {

    private final List<RouteEntry> batch = new ArrayList<>();
    private final StringBuilder out = new StringBuilder(64 * 1024);
    private final ItemsNode node = ItemsNode.of(XmppFamily.INET, "default-domain:bench:vn1:vn1");

    @Setup
    public void routes() {
        for (int i = 0; i < RouteUpdateEncoder.MAX_ITEMS; i++) {
            batch.add(new RouteEntry(XmppFamily.INET, RoutePrefix.parse("10.1." + i + ".3/32"),
                    List.of(new NextHop("192.168.0." + (i + 1), 16 + i, List.of(TunnelEncapsulation.GRE, TunnelEncapsulation.UDP),
                            "default-domain:bench:vn1", List.of())),
                    1, "default-domain:bench:vn1", List.of(8000002L), List.of(), 100, 0, 0, ""));
        }
    }

    @Benchmark
    @OperationsPerInvocation(32)
    public byte[] encode32ItemMessage() {
        out.setLength(0);
        RouteUpdateEncoder.items(out, "network-control@contrailsystems.com", "host7@contrailsystems.com/agent", node, batch);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
