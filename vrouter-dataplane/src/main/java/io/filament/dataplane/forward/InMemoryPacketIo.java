package io.filament.dataplane.forward;

import io.filament.dataplane.table.Vif;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Packet I/O that keeps what the pipeline sends in memory, for tests that drive the pipeline without devices. A
 * copy of every frame is kept; {@link #refuse(boolean)} makes every send fail as a full device would.
 */
public final class InMemoryPacketIo implements PacketIo {

    /** A frame sent to an interface ({@code vif} ≥ 0) or to the fabric ({@code remote}), with its segment size. */
    public record Sent(int vif, int remote, byte[] bytes, int segmentSize) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private boolean refusing;

    @Override
    public boolean sendToInterface(Vif vif, ByteBuf buf, int offset, int length, int segmentSize) {
        return record(vif.index(), 0, buf, offset, length, segmentSize);
    }

    @Override
    public boolean sendToFabric(int remote, ByteBuf buf, int offset, int length, int segmentSize) {
        return record(-1, remote, buf, offset, length, segmentSize);
    }

    private boolean record(int vif, int remote, ByteBuf buf, int offset, int length, int segmentSize) {
        if (refusing) {
            return false;
        }
        byte[] copy = new byte[length];
        buf.getBytes(offset, copy);
        sent.add(new Sent(vif, remote, copy, segmentSize));
        return true;
    }

    public void refuse(boolean refuse) {
        this.refusing = refuse;
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** Returns and forgets what was sent so far. */
    public List<Sent> take() {
        List<Sent> out = List.copyOf(sent);
        sent.clear();
        return out;
    }
}
