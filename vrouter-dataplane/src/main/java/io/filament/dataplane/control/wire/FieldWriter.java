package io.filament.dataplane.control.wire;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.function.BiConsumer;

/** Writes the control protocol's field types. */
final class FieldWriter {

    private final ByteBuf buf;

    FieldWriter(ByteBuf buf) {
        this.buf = buf;
    }

    FieldWriter u8(int v) {
        buf.writeByte(v);
        return this;
    }

    FieldWriter u16(int v) {
        buf.writeShort(v);
        return this;
    }

    FieldWriter i32(int v) {
        buf.writeInt(v);
        return this;
    }

    FieldWriter i64(long v) {
        buf.writeLong(v);
        return this;
    }

    FieldWriter bool(boolean v) {
        return u8(v ? 1 : 0);
    }

    FieldWriter str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > 0xFFFF) {
            throw new IllegalArgumentException("string of " + b.length + " bytes exceeds 65535");
        }
        buf.writeShort(b.length).writeBytes(b);
        return this;
    }

    FieldWriter bytes(byte[] b) {
        buf.writeInt(b.length).writeBytes(b);
        return this;
    }

    FieldWriter ints(int[] values) {
        buf.writeInt(values.length);
        for (int v : values) {
            buf.writeInt(v);
        }
        return this;
    }

    <T> FieldWriter list(Collection<T> items, BiConsumer<FieldWriter, T> element) {
        buf.writeInt(items.size());
        for (T t : items) {
            element.accept(this, t);
        }
        return this;
    }
}
