package io.filament.control.xmpp.it;

import io.filament.control.xmpp.wire.StanzaLimits;
import io.filament.control.xmpp.wire.StreamDecodeException;
import io.filament.control.xmpp.wire.StreamEvent;
import io.filament.control.xmpp.wire.XmlElement;
import io.filament.control.xmpp.wire.XmppStreamParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;

/**
 * A byte-level XMPP client over a plain socket: it negotiates SASL PLAIN and binding by hand and then writes
 * whatever bytes a test gives it (TF's vector files as they are, malformed or oversized input). Everything the
 * server sends is parsed and kept.
 */
final class RawXmppClient implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    final List<XmlElement> received = new CopyOnWriteArrayList<>();
    volatile boolean streamClosed;
    private volatile XmppStreamParser parser = new XmppStreamParser(new StanzaLimits(1 << 20, 64));

    RawXmppClient(InetSocketAddress server) throws IOException {
        socket = new Socket(server.getAddress(), server.getPort());
        out = socket.getOutputStream();
        Thread t = new Thread(this::read, "raw-xmpp-reader");
        t.setDaemon(true);
        t.start();
    }

    static RawXmppClient established(InetSocketAddress server, String host, String password) throws IOException {
        RawXmppClient c = new RawXmppClient(server);
        c.open();
        c.awaitElement("features");
        String plain = Base64.getEncoder().encodeToString(("\0" + host + "\0" + password).getBytes(StandardCharsets.UTF_8));
        c.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + plain + "</auth>");
        c.awaitElement("success");
        // the server's next stream header starts a new document
        c.parser = new XmppStreamParser(new StanzaLimits(1 << 20, 64));
        c.open();
        c.awaitCount("features", 2);
        c.send("<iq type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>raw</resource></bind></iq>");
        c.awaitIq("bind1");
        return c;
    }

    void open() throws IOException {
        send("<?xml version='1.0'?><stream:stream to='contrailsystems.com' version='1.0' xmlns='jabber:client' "
                + "xmlns:stream='http://etherx.jabber.org/streams'>");
    }

    void send(String xml) throws IOException {
        send(xml.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    XmlElement awaitElement(String name) {
        await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().anyMatch(e -> e.name().equals(name)));
        return received.stream().filter(e -> e.name().equals(name)).reduce((a, b) -> b).orElseThrow();
    }

    void awaitCount(String name, int n) {
        await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().filter(e -> e.name().equals(name)).count() >= n);
    }

    XmlElement awaitIq(String id) {
        await().atMost(Duration.ofSeconds(10)).until(() -> iq(id) != null);
        return iq(id);
    }

    private XmlElement iq(String id) {
        return received.stream().filter(e -> e.name().equals("iq") && id.equals(e.attribute("id").orElse("")))
                .reduce((a, b) -> b).orElse(null);
    }

    private void read() {
        byte[] buf = new byte[8192];
        try (InputStream in = socket.getInputStream()) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                for (StreamEvent e : parser.feed(buf, 0, n)) {
                    switch (e) {
                        case StreamEvent.StanzaReceived s -> received.add(s.stanza());
                        case StreamEvent.StreamClosed c -> streamClosed = true;
                        case StreamEvent.StreamOpened o -> {
                        }
                    }
                }
            }
        } catch (IOException | StreamDecodeException e) {
            streamClosed = true;
        }
        streamClosed = true;
    }

    boolean socketClosed() {
        return streamClosed;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
