package io.filament.control.xmpp.it;

import io.filament.contracts.xmpp.RouteEntry;
import io.filament.contracts.xmpp.XmppFamily;
import io.filament.control.xmpp.wire.RouteEntryDecoder;
import io.filament.control.xmpp.wire.StanzaLimits;
import io.filament.control.xmpp.wire.StreamEvent;
import io.filament.control.xmpp.wire.XmlElement;
import io.filament.control.xmpp.wire.XmppStreamParser;
import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jxmpp.jid.impl.JidCreate;

import javax.net.ssl.X509TrustManager;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An agent built on Smack, the XMPP library of the Filament agent: TF subscribe / publish / collection iqs out,
 * route updates and config iqs in (decoded with the control node's own wire decoders).
 */
final class SmackAgent implements AutoCloseable {

    final String host;
    final XMPPTCPConnection connection;
    final Map<String, Map<String, RouteEntry>> routes = new ConcurrentHashMap<>();
    final AtomicInteger endOfRib = new AtomicInteger();
    /** Every retract received, as {@code <instance> <prefix>}, in arrival order. */
    final List<String> retracts = new CopyOnWriteArrayList<>();
    final List<String> configIqs = new CopyOnWriteArrayList<>();

    static {
        Roster.setRosterLoadedAtLoginDefault(false);
        ProviderManager.addExtensionProvider("event", "http://jabber.org/protocol/pubsub", new RawEventProvider());
        ProviderManager.addIQProvider("config", "jabber:client", new ConfigIqProvider());
    }

    private SmackAgent(String host, XMPPTCPConnection connection) {
        this.host = host;
        this.connection = connection;
        connection.addAsyncStanzaListener(s -> onMessage((Message) s), StanzaTypeFilter.MESSAGE);
        connection.registerIQRequestHandler(new AbstractIqRequestHandler("config", "jabber:client", IQ.Type.set,
                IQRequestHandler.Mode.sync) {
            @Override
            public IQ handleIQRequest(IQ request) {
                configIqs.add(((ConfigIq) request).xml);
                return IQ.createResultIQ(request);
            }
        });
    }

    static SmackAgent connect(InetSocketAddress server, String host, String password, boolean tls) throws Exception {
        XMPPTCPConnectionConfiguration.Builder b = XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(ControlNodeFixture.DOMAIN)
                .setHostAddress(InetAddress.getByName(server.getHostString()))
                .setPort(server.getPort())
                .setUsernameAndPassword(host, password)
                .setResource("agent")
                .setSendPresence(false)
                .setSecurityMode(tls ? ConnectionConfiguration.SecurityMode.required
                        : ConnectionConfiguration.SecurityMode.disabled);
        if (tls) {
            b.setCustomX509TrustManager(new TrustingSelfSigned()).setHostnameVerifier((h, s) -> true);
        }
        XMPPTCPConnection c = new XMPPTCPConnection(b.build());
        c.setReplyTimeout(10_000);
        c.connect();
        try {
            c.login();
        } catch (XMPPException | SmackException | RuntimeException e) {
            c.disconnect();
            throw e;
        }
        return new SmackAgent(host, c);
    }

    void subscribe(String instance, int instanceId) throws Exception {
        request("network-control@contrailsystems.com/bgp-peer", "<subscribe node='" + instance + "'><options><instance-id>"
                + instanceId + "</instance-id></options></subscribe>");
    }

    void unsubscribe(String instance) throws Exception {
        request("network-control@contrailsystems.com/bgp-peer", "<unsubscribe node='" + instance + "'/>");
    }

    void subscribeConfig() throws Exception {
        request("network-control@contrailsystems.com/config",
                "<subscribe node='virtual-router:default-global-system-config:" + host + "'/>");
    }

    void publish(String instance, String prefix, String nextHop, int label, String vn) throws Exception {
        String node = "1/1/" + instance + "/" + prefix;
        request("network-control@contrailsystems.com/bgp-peer", "<publish node='" + node + "'><item><entry>"
                + "<nlri><af>1</af><safi>1</safi><address>" + prefix + "</address></nlri>"
                + "<next-hops><next-hop><af>1</af><address>" + nextHop + "</address><label>" + label + "</label>"
                + "<tunnel-encapsulation-list><tunnel-encapsulation>udp</tunnel-encapsulation></tunnel-encapsulation-list>"
                + "<virtual-network>" + vn + "</virtual-network></next-hop></next-hops>"
                + "<version>1</version><virtual-network>" + vn + "</virtual-network><med>0</med>"
                + "<local-preference>100</local-preference><sequence-number>0</sequence-number>"
                + "<security-group-list><security-group>8000002</security-group></security-group-list>"
                + "</entry></item></publish>");
        request("network-control@contrailsystems.com/bgp-peer", "<collection node='" + instance + "'><associate node='"
                + node + "'/></collection>");
    }

    /** TF's agent End-of-RIB: everything it has to announce has been published. */
    void sendEndOfRib() throws Exception {
        request("network-control@contrailsystems.com/bgp-peer", "<publish node='0/0/EndOfRib'/>");
    }

    void withdraw(String instance, String prefix) throws Exception {
        String node = "1/1/" + instance + "/" + prefix;
        request("network-control@contrailsystems.com/bgp-peer", "<publish node='" + node + "'><item><entry><nlri><af>1</af>"
                + "<safi>1</safi><address>" + prefix + "</address></nlri></entry></item></publish>");
        request("network-control@contrailsystems.com/bgp-peer", "<collection node='" + instance + "'><dissociate node='"
                + node + "'/></collection>");
    }

    /** Sends a pub/sub iq and returns the reply; an error reply is returned, not thrown. */
    IQ request(String to, String pubsubChildren) throws Exception {
        PubSubIq iq = new PubSubIq(pubsubChildren);
        iq.setTo(JidCreate.from(to));
        iq.setType(IQ.Type.set);
        return connection.createStanzaCollectorAndSend(iq).nextResult();
    }

    boolean holds(String instance, String prefix) {
        return routes.getOrDefault(instance, Map.of()).containsKey(prefix);
    }

    private void onMessage(Message m) {
        for (ExtensionElement ext : m.getExtensions()) {
            if (!ext.getElementName().equals("event")) {
                continue;
            }
            String stream = "<stream:stream xmlns:stream='http://etherx.jabber.org/streams'>" + ext.toXML();
            byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
            try {
                for (StreamEvent e : new XmppStreamParser(StanzaLimits.DEFAULT).feed(bytes, 0, bytes.length)) {
                    if (e instanceof StreamEvent.StanzaReceived s) {
                        apply(s.stanza());
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("undecodable update " + ext.toXML(), e);
            }
        }
    }

    private void apply(io.filament.control.xmpp.wire.XmlElement event) {
        io.filament.control.xmpp.wire.XmlElement items = event.child("items").orElseThrow();
        String node = items.attribute("node").orElseThrow();
        if (node.equals("0/0/EndOfRib")) {
            endOfRib.incrementAndGet();
            return;
        }
        String instance = node.substring(4);
        Map<String, RouteEntry> table = routes.computeIfAbsent(instance, i -> new ConcurrentHashMap<>());
        for (var item : items.children("item")) {
            table.put(item.attribute("id").orElseThrow(), RouteEntryDecoder.decodeAdvertised(item, XmppFamily.INET));
        }
        for (var retract : items.children("retract")) {
            String prefix = retract.attribute("id").orElseThrow();
            retracts.add(instance + " " + prefix);
            table.remove(prefix);
        }
    }

    @Override
    public void close() {
        connection.disconnect();
    }

    /** TF's route updates, kept as XML for the control node's own decoder (as the agent's provider does). */
    record RawEvent(String xml) implements ExtensionElement {
        @Override
        public String getNamespace() {
            return "http://jabber.org/protocol/pubsub";
        }

        @Override
        public String getElementName() {
            return "event";
        }

        @Override
        public CharSequence toXML(org.jivesoftware.smack.packet.XmlEnvironment env) {
            return xml;
        }
    }

    static final class RawEventProvider extends ExtensionElementProvider<RawEvent> {
        @Override
        public RawEvent parse(org.jivesoftware.smack.xml.XmlPullParser parser, int depth,
                              org.jivesoftware.smack.packet.XmlEnvironment env) throws java.io.IOException,
                org.jivesoftware.smack.xml.XmlPullParserException {
            return new RawEvent(PacketParserUtils.parseElement(parser, true).toString());
        }
    }

    /** A {@code <config>} push, kept as XML. */
    static final class ConfigIq extends IQ {
        final String xml;

        ConfigIq(String xml) {
            super("config", "jabber:client");
            this.xml = xml;
        }

        @Override
        protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder b) {
            b.rightAngleBracket();
            return b;
        }
    }

    static final class ConfigIqProvider extends org.jivesoftware.smack.provider.IQProvider<ConfigIq> {
        @Override
        public ConfigIq parse(org.jivesoftware.smack.xml.XmlPullParser parser, int depth,
                              org.jivesoftware.smack.packet.XmlEnvironment env)
                throws java.io.IOException, org.jivesoftware.smack.xml.XmlPullParserException {
            // Smack re-serialises with single quotes and a namespace per element; normalise for comparisons
            return new ConfigIq(PacketParserUtils.parseElement(parser, false).toString()
                    .replace(" xmlns='jabber:client'", "").replace('\'', '"'));
        }
    }

    /** A pub/sub iq whose children are given as XML. */
    static final class PubSubIq extends IQ {
        private final String children;

        PubSubIq(String children) {
            super("pubsub", "http://jabber.org/protocol/pubsub");
            this.children = children;
        }

        @Override
        protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
            xml.rightAngleBracket();
            xml.append(children);
            return xml;
        }
    }

    /** The control node's generated certificate is self-signed; this lab client accepts it. */
    static final class TrustingSelfSigned implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            if (chain.length == 0) {
                throw new IllegalArgumentException("empty certificate chain");
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
