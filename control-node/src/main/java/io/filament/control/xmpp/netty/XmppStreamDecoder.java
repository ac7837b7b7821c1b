package io.filament.control.xmpp.netty;

import io.filament.control.xmpp.wire.StanzaLimits;
import io.filament.control.xmpp.wire.StreamDecodeException;
import io.filament.control.xmpp.wire.XmppStreamParser;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Frames the inbound byte stream at XML stanza boundaries: bytes go to the non-blocking parser as they arrive
 * and each complete {@link io.filament.control.xmpp.wire.StreamEvent} goes up the pipeline. A decode failure
 * goes up as the {@link StreamDecodeException} itself, once; the parser then stops. {@link #restartStream()}
 * starts a new parser for the stream that follows STARTTLS or SASL success.
 */
public final class XmppStreamDecoder extends ByteToMessageDecoder {

    private final StanzaLimits limits;
    private XmppStreamParser parser;
    private boolean failed;
    private byte[] scratch = new byte[4096];

    public XmppStreamDecoder(StanzaLimits limits) {
        this.limits = limits;
        this.parser = new XmppStreamParser(limits);
    }

    public void restartStream() {
        parser = new XmppStreamParser(limits);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int n = in.readableBytes();
        if (failed) {
            in.skipBytes(n);
            return;
        }
        if (scratch.length < n) {
            scratch = new byte[Math.max(n, scratch.length * 2)];
        }
        in.readBytes(scratch, 0, n);
        try {
            out.addAll(parser.feed(scratch, 0, n));
        } catch (StreamDecodeException e) {
            failed = true;
            out.add(e);
        }
    }
}
