package io.filament.control.xmpp.it;

import io.filament.contracts.xmpp.RoutePrefix;
import io.filament.control.xmpp.wire.TfVectors;
import io.filament.control.xmpp.wire.XmlElement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * TF's own pub/sub vectors written byte for byte into an established session, and malformed or oversized input
 * against the real server: each is acted on or refused with the right error, and other sessions carry on.
 */
class TfVectorsOverXmppIT {

    ControlNodeFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new ControlNodeFixture(false, false);
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void actsOnEveryTfPubSubVectorAsWritten() throws Exception {
        try (RawXmppClient agent = RawXmppClient.established(fixture.address(), "host1", "secret1")) {
            for (String sub : List.of("pubsub_sub.xml", "pubsub_sub2.xml", "pubsub_sub3.xml")) {
                agent.send(TfVectors.bytes("bgp", sub));
            }
            agent.awaitIq("sub1_default");
            assertThat(subscriptions("host1")).containsEntry("blue", 1).containsEntry("red", 2)
                    .containsEntry("default-domain:default-project:ip-fabric:__default__", 3);

            agent.send(TfVectors.bytes("bgp", "pubsub_pub.xml"));
            await().atMost(Duration.ofSeconds(10)).until(() -> routes("blue").contains(RoutePrefix.parse("10.1.2.1/32")));

            agent.send(TfVectors.bytes("bgp", "pubsub_dis.xml"));
            await().atMost(Duration.ofSeconds(10)).until(() -> routes("blue").isEmpty());

            for (String usub : List.of("pubsub_usub.xml", "pubsub_usub2.xml", "pubsub_usub3.xml")) {
                agent.send(TfVectors.bytes("bgp", usub));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> subscriptions("host1").isEmpty());
            assertThat(agent.received).filteredOn(e -> e.name().equals("iq"))
                    .noneMatch(e -> e.attribute("type").orElse("").equals("error"));
        }
    }

    @Test
    void recordsTheAgentsEndOfRibPublish() throws Exception {
        try (RawXmppClient agent = RawXmppClient.established(fixture.address(), "host1", "secret1")) {
            agent.send("<iq type='set' id='eor' to='network-control@contrailsystems.com/bgp-peer'>"
                    + "<pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='0/0/EndOfRib'/></pubsub></iq>");

            assertThat(agent.awaitIq("eor").attribute("type")).contains("result");
            assertThat(fixture.node.peers().statuses()).filteredOn(p -> p.hostname().equals("host1"))
                    .singleElement().satisfies(p -> assertThat(p.endOfRibReceived()).isTrue());
        }
    }

    @Test
    void answersMalformedXmlWithNotWellFormedAndLeavesOtherSessionsAlone() throws Exception {
        try (RawXmppClient good = RawXmppClient.established(fixture.address(), "host2", "secret2");
             RawXmppClient bad = RawXmppClient.established(fixture.address(), "host1", "secret1")) {
            good.send(TfVectors.bytes("bgp", "pubsub_sub.xml"));
            good.awaitIq("sub1_blue");

            bad.send(TfVectors.bytes("xmpp", "message.xml"));

            XmlElement error = bad.awaitElement("error");
            assertThat(error.child("not-well-formed")).isPresent();
            await().atMost(Duration.ofSeconds(10)).until(bad::socketClosed);
            assertThat(subscriptions("host2")).containsEntry("blue", 1);
            good.send(TfVectors.bytes("bgp", "pubsub_pub.xml"));
            await().atMost(Duration.ofSeconds(10)).until(() -> routes("blue").contains(RoutePrefix.parse("10.1.2.1/32")));
        }
    }

    @Test
    void answersAStanzaBeyondTheSizeLimitWithPolicyViolation() throws Exception {
        try (RawXmppClient agent = RawXmppClient.established(fixture.address(), "host1", "secret1")) {
            String huge = "<iq type='set' id='big'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                    + "<item>x</item>".repeat(40_000) + "</pubsub></iq>";

            agent.send(huge.getBytes(StandardCharsets.UTF_8));

            assertThat(agent.awaitElement("error").child("policy-violation")).isPresent();
            await().atMost(Duration.ofSeconds(10)).until(agent::socketClosed);
        }
    }

    @Test
    void answersAStreamForAnotherDomainWithHostUnknown() throws Exception {
        try (RawXmppClient agent = new RawXmppClient(fixture.address())) {
            agent.send("<stream:stream to='example.org' version='1.0' xmlns='jabber:client' "
                    + "xmlns:stream='http://etherx.jabber.org/streams'>");

            assertThat(agent.awaitElement("error").child("host-unknown")).isPresent();
        }
    }

    @Test
    void answersAStanzaBeforeAuthenticationWithNotAuthorized() throws Exception {
        try (RawXmppClient agent = new RawXmppClient(fixture.address())) {
            agent.open();
            agent.awaitElement("features");

            agent.send(TfVectors.bytes("bgp", "pubsub_sub.xml"));

            assertThat(agent.awaitElement("error").child("not-authorized")).isPresent();
        }
    }

    private java.util.Map<String, Integer> subscriptions(String host) {
        return fixture.node.peers().statuses().stream().filter(p -> p.hostname().equals(host)).findFirst()
                .map(p -> (java.util.Map<String, Integer>) p.subscriptions()).orElse(java.util.Map.of());
    }

    private java.util.Set<RoutePrefix> routes(String instance) {
        return fixture.node.rib().read(r -> java.util.Set.copyOf(r.table(instance).keySet())).join();
    }
}
