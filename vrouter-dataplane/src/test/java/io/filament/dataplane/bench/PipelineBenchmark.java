package io.filament.dataplane.bench;

import io.filament.dataplane.flow.FlowSettings;
import io.filament.dataplane.forward.Forwarder;
import io.filament.dataplane.forward.ForwardingEngine;
import io.filament.dataplane.forward.PacketIo;
import io.filament.dataplane.packet.wire.EthernetHeader;
import io.filament.dataplane.packet.wire.Ipv4Header;
import io.filament.dataplane.packet.wire.MacAddress;
import io.filament.dataplane.packet.wire.MplsLabelEntry;
import io.filament.dataplane.packet.wire.UdpHeader;
import io.filament.dataplane.table.NextHop;
import io.filament.dataplane.table.TableLimits;
import io.filament.dataplane.table.Vif;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The forwarding pipeline alone, one thread, 64-byte frames (60 bytes without FCS: Ethernet + IPv4 + UDP + 18 bytes
 * of payload), policy enabled so every packet goes through the flow table (an established flow: the steady state).
 * Each operation is one packet; ops/s is packets per second per core. Run with {@code -prof gc} for bytes/packet.
 * The frame is restored from a template before each packet (seven 8-byte and one 4-byte store) because forwarding
 * rewrites it in place.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-Dio.netty.buffer.checkAccessible=false",
        "-Dio.netty.buffer.checkBounds=false"})
public class PipelineBenchmark {

    private static final int FRAME = 60;
    private static final long VM1 = 0x02000a010103L;
    private static final long VM2 = 0x02000a010104L;
    private static final int LABEL_WORD = MplsLabelEntry.word(19, 0, true, 64);

    private ForwardingEngine engine;
    private long[] toLocal;
    private long[] toMpls;
    private long[] toVxlan;
    private ByteBuf fromMpls;
    private ByteBuf work;
    private ByteBuf decapWork;
    private int remote;
    private final Sink sink = new Sink();

    /** Counts what the pipeline sends without copying it. */
    static final class Sink implements PacketIo {
        long packets;
        long bytes;

        @Override
        public boolean sendToInterface(Vif vif, ByteBuf buf, int offset, int length, int segmentSize) {
            packets++;
            bytes += length;
            return true;
        }

        @Override
        public boolean sendToFabric(int remote, ByteBuf buf, int offset, int length, int segmentSize) {
            packets++;
            bytes += length;
            return true;
        }
    }

    @Setup
    public void setUp() {
        engine = new ForwardingEngine(TableLimits.DEFAULT, FlowSettings.DEFAULT, sink, Ipv4Header.parse("127.0.0.11"),
                InstantSource.system());
        engine.withTables(t -> {
            t.addVrf(1);
            t.addInterface(new Vif(3, "vm1", VM1, ip("10.1.1.3"), 1, Vif.FLAG_POLICY, 1500, 0, 0, new int[0],
                    new int[0]));
            t.addInterface(new Vif(4, "vm2", VM2, ip("10.1.1.4"), 1, Vif.FLAG_POLICY, 1500, 0, 0, new int[0],
                    new int[0]));
            t.addNextHop(new NextHop.Interface(3, 3));
            t.addNextHop(new NextHop.Interface(4, 4));
            t.addNextHop(new NextHop.Tunnel(5, NextHop.Encapsulation.MPLS_OVER_UDP, ip("127.0.0.12"), 17, 0));
            t.addNextHop(new NextHop.Tunnel(6, NextHop.Encapsulation.VXLAN, ip("127.0.0.12"), 100, 0));
            t.addRoute(1, 4, (long) ip("10.1.1.3") << 32, 0, 32, 3);
            t.addRoute(1, 4, (long) ip("10.1.1.4") << 32, 0, 32, 4);
            t.addRoute(1, 4, (long) ip("10.2.0.0") << 32, 0, 16, 5);
            t.addRoute(1, 4, (long) ip("10.3.0.0") << 32, 0, 16, 6);
            for (int i = 0; i < 1000; i++) {
                t.addRoute(1, 4, (long) (ip("172.16.0.0") + (i << 8)) << 32, 0, 24, 5);
            }
            t.addLabel(19, 3);
            return null;
        });
        toLocal = words(udpFrame("10.1.1.3", "10.1.1.4"));
        toMpls = words(udpFrame("10.1.1.3", "10.2.2.4"));
        toVxlan = words(udpFrame("10.1.1.3", "10.3.3.4"));
        ByteBuf inner = udpFrame("10.2.2.4", "10.1.1.3");
        fromMpls = Unpooled.directBuffer(128);
        fromMpls.writeInt(LABEL_WORD);
        fromMpls.writeBytes(inner, EthernetHeader.LENGTH, FRAME - EthernetHeader.LENGTH);
        work = Unpooled.directBuffer(Forwarder.HEADROOM + 2048);
        remote = ip("127.0.0.12");
        decapWork = Unpooled.directBuffer(Forwarder.HEADROOM + 2048);
        decapWork.setBytes(Forwarder.HEADROOM, fromMpls, 0, fromMpls.readableBytes());
    }

    /** Fails the run if any packet was dropped: the figure must be forwarding, not dropping. */
    @TearDown(Level.Iteration)
    public void checkNothingDropped() {
        long drops = engine.withCounters(c -> c.dropsByReason().values().stream().mapToLong(Long::longValue).sum());
        if (drops != 0 || sink.packets == 0) {
            throw new IllegalStateException("benchmark dropped " + drops + " packets, forwarded " + sink.packets);
        }
    }

    private static int ip(String s) {
        return Ipv4Header.parse(s);
    }

    private static ByteBuf udpFrame(String src, String dst) {
        ByteBuf b = Unpooled.directBuffer(FRAME);
        new EthernetHeader(MacAddress.VROUTER, new MacAddress(VM1), EthernetHeader.TYPE_IPV4).encode(b);
        new Ipv4Header(20, 0, FRAME - 14, 1, 0, 64, Ipv4Header.PROTO_UDP, 0, ip(src), ip(dst)).encode(b);
        new UdpHeader(40000, 5001, FRAME - 34, 0).encode(b);
        b.writeZero(FRAME - b.writerIndex());
        return b;
    }

    /** The frame as seven longs and a trailing int (in the last slot). */
    private static long[] words(ByteBuf frame) {
        long[] w = new long[8];
        for (int i = 0; i < 7; i++) {
            w[i] = frame.getLong(i * 8);
        }
        w[7] = frame.getInt(56);
        return w;
    }

    private void fromVm(long[] template) {
        int at = Forwarder.HEADROOM;
        for (int i = 0; i < 7; i++) {
            work.setLong(at + i * 8, template[i]);
        }
        work.setInt(at + 56, (int) template[7]);
        engine.fromInterface(3, work, Forwarder.HEADROOM, FRAME);
    }

    @Benchmark
    public long localDelivery() {
        fromVm(toLocal);
        return sink.packets;
    }

    @Benchmark
    public long mplsOverUdpEncapsulation() {
        fromVm(toMpls);
        return sink.packets;
    }

    @Benchmark
    public long vxlanEncapsulation() {
        fromVm(toVxlan);
        return sink.packets;
    }

    @Benchmark
    public void mplsOverUdpDecapsulation(Blackhole bh) {
        int len = fromMpls.readableBytes();
        // Decapsulation writes the VM's Ethernet header over the 14 bytes in front of the inner packet, which ends
        // on the label; the label is all that needs restoring.
        decapWork.setInt(Forwarder.HEADROOM, LABEL_WORD);
        engine.fromFabric(remote, UdpHeader.PORT_MPLS_OVER_UDP, decapWork, Forwarder.HEADROOM, len);
        bh.consume(sink.packets);
    }
}
