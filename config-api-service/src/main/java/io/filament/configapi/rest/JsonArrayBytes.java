package io.filament.configapi.rest;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** One response body from already encoded JSON items: {@code head item,item,… tail}, copied once. */
final class JsonArrayBytes {

    private JsonArrayBytes() {
    }

    static byte[] join(String head, List<byte[]> items, String tail) {
        byte[] start = head.getBytes(StandardCharsets.UTF_8);
        byte[] end = tail.getBytes(StandardCharsets.UTF_8);
        long size = start.length + end.length + Math.max(0, items.size() - 1);
        for (byte[] item : items) {
            size += item.length;
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("listing of " + items.size() + " items is too large for one response ("
                    + size + " bytes); use page_limit");
        }
        byte[] out = new byte[(int) size];
        System.arraycopy(start, 0, out, 0, start.length);
        int at = start.length;
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out[at++] = ',';
            }
            byte[] item = items.get(i);
            System.arraycopy(item, 0, out, at, item.length);
            at += item.length;
        }
        System.arraycopy(end, 0, out, at, end.length);
        return out;
    }
}
