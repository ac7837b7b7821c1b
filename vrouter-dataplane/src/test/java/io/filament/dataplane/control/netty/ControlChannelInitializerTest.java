package io.filament.dataplane.control.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.filament.dataplane.control.ControlService;
import io.filament.dataplane.control.PortDevices;
import io.filament.dataplane.control.wire.ControlCodec;
import io.filament.dataplane.control.wire.ControlMessage;
import io.filament.dataplane.control.wire.ControlMessage.AddRoute;
import io.filament.dataplane.control.wire.ControlMessage.AddVrf;
import io.filament.dataplane.control.wire.ControlMessage.CountersReply;
import io.filament.dataplane.control.wire.ControlMessage.ErrorReply;
import io.filament.dataplane.control.wire.ControlMessage.Ok;
import io.filament.dataplane.control.wire.ControlMessage.ReadCounters;
import io.filament.dataplane.flow.FlowSettings;
import io.filament.dataplane.forward.ForwardingEngine;
import io.filament.dataplane.forward.InMemoryPacketIo;
import io.filament.dataplane.table.TableLimits;
import io.filament.dataplane.table.Vif;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlChannelInitializerTest {

    /** Requests that touch no device: a port's device would need the kernel (see ControlSocketIT). */
    private static final PortDevices NO_DEVICES = new PortDevices() {
        @Override
        public void open(Vif vif, String namespace, String renameTo) {
            throw new AssertionError("no device is opened by these requests");
        }

        @Override
        public void close(int vif) {
            throw new AssertionError("no device is closed by these requests");
        }
    };

    private final EmbeddedChannel channel = new EmbeddedChannel(new ControlChannelInitializer(new ControlService(
            new ForwardingEngine(TableLimits.DEFAULT, FlowSettings.DEFAULT, new InMemoryPacketIo(), 0x7f00002d,
                    InstantSource.system()), NO_DEVICES), 1 << 20));

    private static ByteBuf frame(int id, ControlMessage m) {
        ByteBuf body = Unpooled.buffer();
        ControlCodec.encode(id, m, body);
        return Unpooled.buffer().writeInt(body.readableBytes()).writeBytes(body);
    }

    /** Three requests as one read, the way a pipelining client's single write arrives. */
    private static ByteBuf window() {
        CompositeByteBuf all = Unpooled.compositeBuffer();
        all.addComponents(true, frame(7, new AddVrf(5)), frame(8, new AddRoute(5, 4, 1L << 56, 0, 8, 77)),
                frame(9, new ReadCounters()));
        return all;
    }

    private List<ControlCodec.Frame> replies() {
        ByteBuf out = Unpooled.buffer();
        for (ByteBuf b = channel.readOutbound(); b != null; b = channel.readOutbound()) {
            out.writeBytes(b);
            b.release();
        }
        List<ControlCodec.Frame> frames = new ArrayList<>();
        while (out.isReadable()) {
            frames.add(ControlCodec.decode(out.readSlice(out.readInt())));
        }
        return frames;
    }

    @Test
    void answersEveryRequestOfOneReadInOrderWithItsId() {
        channel.writeInbound(window());

        List<ControlCodec.Frame> replies = replies();
        assertThat(replies).extracting(ControlCodec.Frame::requestId).containsExactly(7, 8, 9);
        assertThat(replies.get(0).message()).isEqualTo(new Ok());
        assertThat(replies.get(1).message()).isInstanceOfSatisfying(ErrorReply.class,
                e -> assertThat(e.field()).isEqualTo("route.nexthop"));
        assertThat(replies.get(2).message()).isInstanceOf(CountersReply.class);
    }

    @Test
    void holdsTheRepliesOfARequestWindowUntilTheReadIsCompleteThenFlushesThemTogether() {
        channel.pipeline().fireChannelRead(window());
        channel.runPendingTasks();

        assertThat(channel.outboundMessages()).as("nothing flushed before the read completes").isEmpty();

        channel.pipeline().fireChannelReadComplete();
        assertThat(replies()).extracting(ControlCodec.Frame::requestId).containsExactly(7, 8, 9);
    }
}
