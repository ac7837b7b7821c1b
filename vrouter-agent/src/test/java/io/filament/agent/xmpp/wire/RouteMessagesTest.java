package io.filament.agent.xmpp.wire;

import io.filament.contracts.xmpp.NextHop;
import io.filament.contracts.xmpp.RouteEntry;
import io.filament.contracts.xmpp.RouteItemNode;
import io.filament.contracts.xmpp.RoutePrefix;
import io.filament.contracts.xmpp.SubscribeOptions;
import io.filament.contracts.xmpp.TunnelEncapsulation;
import io.filament.contracts.xmpp.XmppFamily;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteMessagesTest {

    /** The control node → agent update of tf-internals §3.5. */
    static final String UPDATE = """
            <message xmlns="jabber:client" from="network-control@contrailsystems.com" to="compute-2/bgp-peer">
             <event xmlns="http://jabber.org/protocol/pubsub"><items node="1/1/default-domain:demo:vn1:vn1">
              <item id="10.1.1.3/32"><entry><nlri><af>1</af><safi>1</safi><address>10.1.1.3/32</address></nlri>
               <next-hops><next-hop><af>1</af><address>192.168.0.11</address><label>25</label>
                <tunnel-encapsulation-list><tunnel-encapsulation>gre</tunnel-encapsulation><tunnel-encapsulation>udp</tunnel-encapsulation></tunnel-encapsulation-list>
                <virtual-network>default-domain:demo:vn1</virtual-network></next-hop></next-hops>
               <version>1</version><virtual-network>default-domain:demo:vn1</virtual-network><mobility seqno="0" sticky="false"/>
               <local-preference>100</local-preference><med>200</med><sequence-number>0</sequence-number></entry></item>
             </items></event></message>""";

    static final RouteEntry ENTRY = new RouteEntry(XmppFamily.INET, RoutePrefix.parse("10.1.1.3/32"),
            List.of(new NextHop("192.168.0.11", 25, List.of(TunnelEncapsulation.GRE, TunnelEncapsulation.UDP),
                    "default-domain:demo:vn1", List.of())),
            1, "default-domain:demo:vn1", List.of(), List.of(), 100, 200, 0, "");

    @BeforeAll
    static void providers() {
        AgentProviders.register();
    }

    private static RouteUpdateEvent event(String xml) throws Exception {
        Message m = PacketParserUtils.parseStanza(xml);
        return m.getExtension(RouteUpdateEvent.class);
    }

    @Test
    void readsTheControlNodesRouteUpdate() throws Exception {
        RouteUpdateEvent e = event(UPDATE);

        assertThat(e.instance()).isEqualTo("default-domain:demo:vn1:vn1");
        assertThat(e.routes()).containsExactly(ENTRY);
        assertThat(e.retracts()).isEmpty();
    }

    @Test
    void readsRetractsAndEndOfRib() throws Exception {
        RouteUpdateEvent retract = event("""
                <message xmlns="jabber:client" from="network-control@contrailsystems.com" to="h/bgp-peer"><event xmlns="http://jabber.org/protocol/pubsub">
                <items node="1/1/default-domain:demo:vn1:vn1"><retract id="10.1.1.3/32" /></items></event></message>""");
        RouteUpdateEvent eor = event("""
                <message xmlns="jabber:client" from="network-control@contrailsystems.com" to="h/bgp-peer"><event xmlns="http://jabber.org/protocol/pubsub">
                <items node="0/0/EndOfRib"></items></event></message>""");

        assertThat(retract.retracts()).containsExactly("10.1.1.3/32");
        assertThat(eor.isEndOfRib()).isTrue();
    }

    @Test
    void countsButDoesNotInstallOtherFamilies() throws Exception {
        RouteUpdateEvent evpn = event("""
                <message xmlns="jabber:client"><event xmlns="http://jabber.org/protocol/pubsub"><items node="25/242/default-domain:demo:vn1:vn1">
                <item id="02:00:00:00:00:01,10.1.1.3/32"><entry/></item></items></event></message>""");

        assertThat(evpn.routes()).isEmpty();
        assertThat(evpn.unsupported()).isEqualTo(1);
    }

    @Test
    void refusesAnEntryWithABadAddress() {
        assertThatThrownBy(() -> event(UPDATE.replace("<address>10.1.1.3/32</address>", "<address>10.1.1.300/32</address>")))
                .isInstanceOf(XmppWireException.class).hasMessageStartingWith("nlri/address '10.1.1.300/32'");
    }

    @Test
    void refusesALabelBeyondTwentyFourBits() {
        assertThatThrownBy(() -> event(UPDATE.replace("<label>25</label>", "<label>16777216</label>")))
                .isInstanceOf(XmppWireException.class).hasMessageContaining("label");
    }

    @Test
    void writesThePublishAndCollectionOfTfsInetAdd() throws Exception {
        RouteEntry published = new RouteEntry(XmppFamily.INET, RoutePrefix.parse("10.1.1.3/32"),
                List.of(new NextHop("192.168.0.11", 25, List.of(TunnelEncapsulation.GRE, TunnelEncapsulation.UDP),
                        "default-domain:demo:vn1", List.of())),
                1, "", List.of(8000002L), List.of(), 100, 0, 0, "interface");
        RouteItemNode node = RouteItemNode.of(XmppFamily.INET, "default-domain:demo:vn1:vn1", published.prefix());
        var to = JidCreate.from("network-control@contrailsystems.com/bgp-peer");

        String publish = new PubSubIq(to, "pubsub12", new PubSubRequest.Publish(node, published)).toXML().toString();
        String collection = new PubSubIq(to, "collection12",
                new PubSubRequest.Collection("default-domain:demo:vn1:vn1", node, true)).toXML().toString();

        assertThat(publish).contains("<pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node=\"1/1/default-domain:demo:vn1:vn1/10.1.1.3/32\"><item><entry>"
                + "<nlri><af>1</af><safi>1</safi><address>10.1.1.3/32</address></nlri>"
                + "<next-hops><next-hop><af>1</af><address>192.168.0.11</address><label>25</label>"
                + "<tunnel-encapsulation-list><tunnel-encapsulation>gre</tunnel-encapsulation><tunnel-encapsulation>udp</tunnel-encapsulation></tunnel-encapsulation-list>"
                + "<virtual-network>default-domain:demo:vn1</virtual-network></next-hop></next-hops>"
                + "<version>1</version><med>0</med><local-preference>100</local-preference><sequence-number>0</sequence-number>"
                + "<security-group-list><security-group>8000002</security-group></security-group-list><sub-protocol>interface</sub-protocol>"
                + "</entry></item></publish></pubsub>");
        assertThat(collection).contains("<collection node=\"default-domain:demo:vn1:vn1\">"
                + "<associate node=\"1/1/default-domain:demo:vn1:vn1/10.1.1.3/32\"/></collection>");
        assertThat(publish).contains("type='set'").contains("id='pubsub12'");
    }

    @Test
    void aPublishedEntryReadsBackAsWritten() throws Exception {
        StringBuilder xml = new StringBuilder("<message xmlns=\"jabber:client\"><event xmlns=\"http://jabber.org/protocol/pubsub\"><items node=\"1/1/x:y:z:z\"><item id=\"10.1.1.3/32\">");
        RouteEntryXml.write(xml, ENTRY);
        xml.append("</item></items></event></message>");

        assertThat(event(xml.toString()).routes()).containsExactly(ENTRY);
    }

    @Test
    void writesTheRoutingInstanceSubscribeWithInstanceId() {
        StringBuilder out = new StringBuilder();
        new PubSubRequest.Subscribe("default-domain:demo:vn1:vn1", Optional.of(new SubscribeOptions(3, false))).write(out);

        assertThat(out).hasToString("<subscribe node=\"default-domain:demo:vn1:vn1\"><options><instance-id>3</instance-id></options></subscribe>");
    }

    @Test
    void writesTheAgentsEndOfRibAsAnEmptyPublishOfTheMarkerNode() {
        StringBuilder xml = new StringBuilder();

        new PubSubRequest.EndOfRib().write(xml);

        assertThat(xml).hasToString("<publish node=\"0/0/EndOfRib\"/>");
    }
}
