package io.filament.control.xmpp.it;

import io.filament.control.xmpp.peer.PeerLimits;
import io.filament.control.xmpp.session.SessionSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Hold timer, SASL ANONYMOUS on and off, and the per-agent subscription limit, against a live server. */
class SessionRulesIT {

    @Test
    void closesASilentSessionWithConnectionTimeoutWhenTheHoldTimerExpires() throws Exception {
        try (ControlNodeFixture f = new ControlNodeFixture(
                new SessionSettings(ControlNodeFixture.DOMAIN, false, false, false, Duration.ofSeconds(3)), PeerLimits.DEFAULT);
             RawXmppClient agent = RawXmppClient.established(f.address(), "host1", "secret1")) {
            assertThat(f.node.peers().establishedCount()).isEqualTo(1);

            assertThat(agent.awaitElement("error").child("connection-timeout")).isPresent();
            await().atMost(Duration.ofSeconds(10)).until(() -> f.node.peers().establishedCount() == 0);
        }
    }

    @Test
    void acceptsAnonymousOnlyWhenEnabledAndNamesTheAgentByItsStreamHeader() throws Exception {
        String open = "<stream:stream from='host1' to='contrailsystems.com' version='1.0' xmlns='jabber:client' "
                + "xmlns:stream='http://etherx.jabber.org/streams'>";
        try (ControlNodeFixture enabled = new ControlNodeFixture(
                new SessionSettings(ControlNodeFixture.DOMAIN, false, false, true, Duration.ofSeconds(90)), PeerLimits.DEFAULT);
             RawXmppClient agent = new RawXmppClient(enabled.address())) {
            agent.send(open);
            assertThat(agent.awaitElement("features").child("mechanisms").orElseThrow().children("mechanism"))
                    .extracting(m -> m.text()).contains("ANONYMOUS");
            agent.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='ANONYMOUS'/>");
            agent.awaitElement("success");
        }
        try (ControlNodeFixture disabled = new ControlNodeFixture(false, false);
             RawXmppClient agent = new RawXmppClient(disabled.address())) {
            agent.send(open);
            assertThat(agent.awaitElement("features").child("mechanisms").orElseThrow().children("mechanism"))
                    .extracting(m -> m.text()).containsExactly("PLAIN");
            agent.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='ANONYMOUS'/>");
            assertThat(agent.awaitElement("failure").child("not-authorized")).isPresent();
        }
    }

    @Test
    void endsTheSessionOfAnAgentThatOpensTooManySubscriptionsAndOnlyThat() throws Exception {
        try (ControlNodeFixture f = new ControlNodeFixture(
                new SessionSettings(ControlNodeFixture.DOMAIN, false, false, false, Duration.ofSeconds(90)), new PeerLimits(2, 100));
             RawXmppClient greedy = RawXmppClient.established(f.address(), "host1", "secret1");
             RawXmppClient modest = RawXmppClient.established(f.address(), "host2", "secret2")) {
            modest.send(subscribe("m1", ControlNodeFixture.RED, 1));
            modest.awaitIq("m1");
            for (int i = 1; i <= 3; i++) {
                greedy.send(subscribe("g" + i, "default-domain:demo:vn" + i + ":vn" + i, i));
            }

            assertThat(greedy.awaitElement("error").child("policy-violation")).isPresent();
            await().atMost(Duration.ofSeconds(10)).until(() -> f.node.peers().establishedCount() == 1);
            assertThat(f.node.peers().statuses()).filteredOn(p -> p.hostname().equals("host2"))
                    .singleElement().satisfies(p -> assertThat(p.state()).isEqualTo("ESTABLISHED"));
        }
    }

    private static String subscribe(String id, String instance, int instanceId) {
        return "<iq type='set' id='" + id + "' to='network-control@contrailsystems.com/bgp-peer'>"
                + "<pubsub xmlns='http://jabber.org/protocol/pubsub'><subscribe node='" + instance + "'><options>"
                + "<instance-id>" + instanceId + "</instance-id></options></subscribe></pubsub></iq>";
    }
}
