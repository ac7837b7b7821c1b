package io.filament.dataplane.control.netty;

import io.filament.dataplane.control.ControlService;
import io.filament.dataplane.control.wire.ControlCodec;
import io.filament.dataplane.control.wire.ControlDecodeException;
import io.filament.dataplane.control.wire.ControlMessage;
import io.filament.dataplane.control.wire.ControlMessage.ErrorReply;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.codec.TooLongFrameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One control connection's pipeline: length-prefixed frames of at most {@code maxRequestBytes}, each request
 * decoded and handed to the {@link ControlService}, the reply written back with the request's id. Replies are
 * flushed once per read, so a window of pipelined requests is answered with one write.
 */
final class ControlChannelInitializer extends ChannelInitializer<Channel> {

    private static final Logger log = LoggerFactory.getLogger(ControlChannelInitializer.class);

    private final ControlService service;
    private final int maxRequestBytes;

    ControlChannelInitializer(ControlService service, int maxRequestBytes) {
        this.service = service;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(maxRequestBytes, 0, 4, 0, 4),
                new LengthFieldPrepender(4), new RequestHandler());
    }

    private final class RequestHandler extends SimpleChannelInboundHandler<ByteBuf> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            int id = ControlCodec.peekRequestId(frame);
            ControlMessage reply;
            try {
                ControlCodec.Frame request = ControlCodec.decode(frame);
                reply = service.handle(request.message());
            } catch (ControlDecodeException e) {
                reply = new ErrorReply(ErrorReply.Code.MALFORMED_REQUEST, e.field(), "", e.getMessage());
            }
            ByteBuf out = ctx.alloc().buffer();
            ControlCodec.encode(id, reply, out);
            ctx.write(out);
        }

        /** Replies to every request of one read leave together: one write and one wake-up for the client. */
        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof TooLongFrameException) {
                ByteBuf out = ctx.alloc().buffer();
                ControlCodec.encode(0, new ErrorReply(ErrorReply.Code.MALFORMED_REQUEST, "length", "",
                        cause.getMessage()), out);
                ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
            } else {
                log.warn("control connection failed: {}", cause.toString());
                ctx.close();
            }
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            log.info("control client connected");
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            log.info("control client disconnected; forwarding continues with the current tables");
        }
    }
}
