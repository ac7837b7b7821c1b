package io.filament.control.xmpp.wire;

/**
 * Removes XML comments from the byte stream before it reaches the parser.
 *
 * <p>Tungsten Fabric's parser ignores comments, and agents and TF's own vectors carry some that strict XML
 * rejects ({@code <!-- x --->}). Outside CDATA, {@code <!--} can only open a comment (character data and
 * attribute values may not hold a raw {@code <}), so a three-state scan is exact. State survives across
 * calls, so comments may straddle reads.
 */
final class XmlCommentFilter {

    private enum Mode { TEXT, COMMENT, CDATA }

    private static final byte[] OPEN = "<!--".getBytes();
    private static final byte[] CDATA_OPEN = "<![CDATA[".getBytes();

    private Mode mode = Mode.TEXT;
    /** Bytes held back because they might start a comment or CDATA marker. */
    private final byte[] pending = new byte[CDATA_OPEN.length];
    private int pendingLength;
    private int closeMatch;

    /** Filters {@code in[off, off+len)} and returns the bytes to parse. */
    byte[] filter(byte[] in, int off, int len) {
        byte[] out = new byte[len + pendingLength];
        int n = 0;
        for (int i = off; i < off + len; i++) {
            byte b = in[i];
            switch (mode) {
                case TEXT -> n = text(b, out, n);
                case COMMENT -> comment(b);
                case CDATA -> n = cdata(b, out, n);
            }
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    private int text(byte b, byte[] out, int n) {
        pending[pendingLength++] = b;
        boolean maybeComment = prefixOf(OPEN);
        boolean maybeCdata = prefixOf(CDATA_OPEN);
        if (maybeComment && pendingLength == OPEN.length) {
            pendingLength = 0;
            closeMatch = 0;
            mode = Mode.COMMENT;
            return n;
        }
        if (maybeCdata && pendingLength == CDATA_OPEN.length) {
            n = flush(out, n);
            mode = Mode.CDATA;
            closeMatch = 0;
            return n;
        }
        if (maybeComment || maybeCdata) {
            return n;
        }
        // Not a marker: emit everything but a trailing '<', which may start the next one.
        if (b == '<') {
            pendingLength--;
            n = flush(out, n);
            pending[pendingLength++] = b;
            return n;
        }
        return flush(out, n);
    }

    private void comment(byte b) {
        if (b == '-') {
            closeMatch = Math.min(closeMatch + 1, 2);
        } else if (b == '>' && closeMatch == 2) {
            mode = Mode.TEXT;
            closeMatch = 0;
        } else {
            closeMatch = 0;
        }
    }

    private int cdata(byte b, byte[] out, int n) {
        out[n++] = b;
        if (b == ']') {
            closeMatch = Math.min(closeMatch + 1, 2);
        } else if (b == '>' && closeMatch == 2) {
            mode = Mode.TEXT;
            closeMatch = 0;
        } else {
            closeMatch = 0;
        }
        return n;
    }

    private boolean prefixOf(byte[] marker) {
        if (pendingLength > marker.length) {
            return false;
        }
        for (int i = 0; i < pendingLength; i++) {
            if (pending[i] != marker[i]) {
                return false;
            }
        }
        return true;
    }

    private int flush(byte[] out, int n) {
        System.arraycopy(pending, 0, out, n, pendingLength);
        n += pendingLength;
        pendingLength = 0;
        return n;
    }
}
