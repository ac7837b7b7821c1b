package io.filament.control.bench;

import io.filament.control.xmpp.wire.StanzaLimits;
import io.filament.control.xmpp.wire.StreamDecodeException;
import io.filament.control.xmpp.wire.StreamEvent;
import io.filament.control.xmpp.wire.XmlElement;
import io.filament.control.xmpp.wire.XmppStreamParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal agent on a Netty channel for the benchmark: SASL PLAIN, bind, one subscription, N publishes, and a
 * count of the prefixes it holds (items minus retracts) in its instance.
 */
final class SimulatedAgent extends SimpleChannelInboundHandler<ByteBuf> {

    private final String host;
    private final String password;
    private final String instance;
    private final int instanceId;
    private XmppStreamParser parser = new XmppStreamParser(new StanzaLimits(1 << 22, 32));
    private int stage;
    private Channel channel;
    private byte[] buf = new byte[65536];
    final Set<String> held = new HashSet<>();
    final AtomicInteger heldCount = new AtomicInteger();
    final CompletableFuture<Void> subscribed = new CompletableFuture<>();
    final AtomicInteger answered = new AtomicInteger();

    private final int expected;
    private final java.util.concurrent.CountDownLatch converged;
    private boolean counted;

    SimulatedAgent(String host, String password, String instance, int instanceId, int expected,
                   java.util.concurrent.CountDownLatch converged) {
        this.expected = expected;
        this.converged = converged;
        this.host = host;
        this.password = password;
        this.instance = instance;
        this.instanceId = instanceId;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        open();
    }

    private void open() {
        write("<?xml version='1.0'?><stream:stream to='contrailsystems.com' version='1.0' xmlns='jabber:client' "
                + "xmlns:stream='http://etherx.jabber.org/streams'>");
    }

    private void write(String xml) {
        channel.writeAndFlush(ByteBufUtil.writeUtf8(channel.alloc(), xml));
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) throws StreamDecodeException {
        if (subscribed.isDone()) {
            scan(msg);
            return;
        }
        int n = msg.readableBytes();
        if (buf.length < n) {
            buf = new byte[n];
        }
        msg.readBytes(buf, 0, n);
        for (StreamEvent e : parser.feed(buf, 0, n)) {
            if (e instanceof StreamEvent.StanzaReceived s) {
                stanza(s.stanza());
            }
        }
    }

    private void stanza(XmlElement s) {
        switch (s.name()) {
            case "features" -> {
                if (stage == 0) {
                    String plain = Base64.getEncoder().encodeToString(("\0" + host + "\0" + password).getBytes(StandardCharsets.UTF_8));
                    write("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + plain + "</auth>");
                    stage = 1;
                } else {
                    write("<iq type='set' id='b'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>a</resource></bind></iq>");
                }
            }
            case "success" -> {
                parser = new XmppStreamParser(new StanzaLimits(1 << 22, 32));
                open();
            }
            case "iq" -> iq(s);
            case "message" -> update(s);
            default -> {
            }
        }
    }

    private void iq(XmlElement s) {
        String id = s.attribute("id").orElse("");
        if (id.equals("b")) {
            write("<iq type='set' id='s' to='network-control@contrailsystems.com/bgp-peer'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                    + "<subscribe node='" + instance + "'><options><instance-id>" + instanceId + "</instance-id></options></subscribe></pubsub></iq>");
        } else if (id.equals("s")) {
            subscribed.complete(null);
        } else {
            answered.incrementAndGet();
        }
    }

    private void update(XmlElement m) {
        XmlElement items = m.child("event").flatMap(e -> e.child("items")).orElseThrow();
        for (XmlElement c : items.children()) {
            String id = c.attribute("id").orElse("");
            if (c.name().equals("item")) {
                held.add(id);
            } else if (c.name().equals("retract")) {
                held.remove(id);
            }
        }
        heldCount.set(held.size());
    }

    private static final byte[] ITEM = "<item id=\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RETRACT = "<retract id=\"".getBytes(StandardCharsets.US_ASCII);
    private final StringBuilder tail = new StringBuilder();

    /**
     * Once subscribed, the agent only needs which ids come and go: it scans for {@code <item id="…">} and
     * {@code <retract id="…"/>} instead of parsing, so that the harness is not what the benchmark measures.
     */
    private void scan(ByteBuf msg) {
        tail.append(msg.toString(StandardCharsets.UTF_8));
        int done = 0;
        while (true) {
            int item = tail.indexOf("<item id=\"", done);
            int retract = tail.indexOf("<retract id=\"", done);
            int at = item < 0 ? retract : retract < 0 ? item : Math.min(item, retract);
            if (at < 0) {
                break;
            }
            boolean isItem = at == item;
            int start = at + (isItem ? ITEM.length : RETRACT.length);
            int end = tail.indexOf("\"", start);
            if (end < 0) {
                done = at;
                tail.delete(0, done);
                heldCount.set(held.size());
                return;
            }
            String id = tail.substring(start, end);
            if (isItem) {
                held.add(id);
            } else {
                held.remove(id);
            }
            done = end + 1;
        }
        int keep = Math.max(done, tail.length() - RETRACT.length);
        tail.delete(0, keep);
        heldCount.set(held.size());
        if (!counted && held.size() >= expected) {
            counted = true;
            converged.countDown();
        }
    }

    /** Publishes {@code count} /32 routes with consecutive ids; returns when written. */
    void publish(int first, int count, String nextHop, int label) {
        StringBuilder out = new StringBuilder(count * 1200);
        for (int i = 0; i < count; i++) {
            int n = first + i;
            String prefix = "10." + ((n >> 16) & 0xff) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff) + "/32";
            String node = "1/1/" + instance + "/" + prefix;
            out.append("<iq type='set' id='p").append(n).append("' to='network-control@contrailsystems.com/bgp-peer'>")
                    .append("<pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='").append(node).append("'><item><entry>")
                    .append("<nlri><af>1</af><safi>1</safi><address>").append(prefix).append("</address></nlri>")
                    .append("<next-hops><next-hop><af>1</af><address>").append(nextHop).append("</address><label>")
                    .append(label + i).append("</label><tunnel-encapsulation-list><tunnel-encapsulation>udp</tunnel-encapsulation>")
                    .append("</tunnel-encapsulation-list></next-hop></next-hops><version>1</version>")
                    .append("<local-preference>100</local-preference><med>0</med><sequence-number>0</sequence-number>")
                    .append("</entry></item></publish></pubsub></iq>")
                    .append("<iq type='set' id='c").append(n).append("' to='network-control@contrailsystems.com/bgp-peer'>")
                    .append("<pubsub xmlns='http://jabber.org/protocol/pubsub'><collection node='").append(instance)
                    .append("'><associate node='").append(node).append("'/></collection></pubsub></iq>");
        }
        channel.writeAndFlush(ByteBufUtil.writeUtf8(channel.alloc(), out)).syncUninterruptibly();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        subscribed.completeExceptionally(cause);
        ctx.close();
    }
}
