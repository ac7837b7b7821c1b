package io.filament.dataplane.control.wire;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Bounds-checked reads of the control protocol's field types; every failure names the field. */
final class FieldReader {

    private final ByteBuf buf;

    FieldReader(ByteBuf buf) {
        this.buf = buf;
    }

    private void need(int n, String field) {
        if (buf.readableBytes() < n) {
            throw new ControlDecodeException(field, buf.readableBytes(), "truncated: need " + n + " bytes");
        }
    }

    int u8(String field) {
        need(1, field);
        return buf.readUnsignedByte();
    }

    int u16(String field) {
        need(2, field);
        return buf.readUnsignedShort();
    }

    int i16(String field) {
        need(2, field);
        return buf.readShort();
    }

    int i32(String field) {
        need(4, field);
        return buf.readInt();
    }

    long i64(String field) {
        need(8, field);
        return buf.readLong();
    }

    boolean bool(String field) {
        int v = u8(field);
        if (v > 1) {
            throw new ControlDecodeException(field, v, "not a boolean (0 or 1)");
        }
        return v == 1;
    }

    String str(String field) {
        int len = u16(field + ".length");
        need(len, field);
        String s = buf.toString(buf.readerIndex(), len, StandardCharsets.UTF_8);
        buf.skipBytes(len);
        return s;
    }

    byte[] bytes(String field) {
        int len = i32(field + ".length");
        if (len < 0) {
            throw new ControlDecodeException(field + ".length", len, "negative");
        }
        need(len, field);
        byte[] out = new byte[len];
        buf.readBytes(out);
        return out;
    }

    int[] ints(String field) {
        int n = count(field, 4);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i32(field);
        }
        return out;
    }

    <T> List<T> list(String field, int minElementSize, Function<FieldReader, T> element) {
        int n = count(field, minElementSize);
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(element.apply(this));
        }
        return out;
    }

    private int count(String field, int minElementSize) {
        int n = i32(field + ".count");
        if (n < 0 || (long) n * minElementSize > buf.readableBytes()) {
            throw new ControlDecodeException(field + ".count", n, "more elements than bytes left");
        }
        return n;
    }

    void end(String message) {
        if (buf.isReadable()) {
            throw new ControlDecodeException(message, buf.readableBytes(), "trailing bytes after the body");
        }
    }
}
