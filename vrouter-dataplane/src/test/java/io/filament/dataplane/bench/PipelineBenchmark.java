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
 * The frame is restored from a template before each packet (a 60-byte copy) because forwarding rewrites it in
 * place.
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

    private ForwardingEngine engine;
    private ByteBuf toLocal;
    private ByteBuf toMpls;
    private ByteBuf toVxlan;
    private ByteBuf fromMpls;
    private ByteBuf work;
    private int remote;
    private final Sink sink = new Sink();

    /** Counts what the pipeline sends without copying it. */
    static final class Sink implements PacketIo {
        long packets;
        long bytes;

        @Override
        public boolean sendToInterface(Vif vif, ByteBuf buf, int offset, int length) {
            packets++;
            bytes += length;
            return true;
        }

        @Override
        public boolean sendToFabric(int remote, ByteBuf buf, int offset, int length) {
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
        toLocal = udpFrame("10.1.1.3", "10.1.1.4");
        toMpls = udpFrame("10.1.1.3", "10.2.2.4");
        toVxlan = udpFrame("10.1.1.3", "10.3.3.4");
        ByteBuf inner = udpFrame("10.2.2.4", "10.1.1.3");
        fromMpls = Unpooled.directBuffer(128);
        fromMpls.writeInt(MplsLabelEntry.word(19, 0, true, 64));
        fromMpls.writeBytes(inner, EthernetHeader.LENGTH, FRAME - EthernetHeader.LENGTH);
        work = Unpooled.directBuffer(Forwarder.HEADROOM + 2048);
        remote = ip("127.0.0.12");
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

    private void fromVm(ByteBuf template) {
        work.setBytes(Forwarder.HEADROOM, template, 0, FRAME);
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
        work.setBytes(Forwarder.HEADROOM, fromMpls, 0, len);
        engine.fromFabric(remote, UdpHeader.PORT_MPLS_OVER_UDP, work, Forwarder.HEADROOM, len);
        bh.consume(sink.packets);
    }
}
