package io.filament.control.xmpp.it;

import org.jivesoftware.smack.SmackException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.filament.control.xmpp.it.ControlNodeFixture.RED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** STARTTLS required, with the certificate the control node generates for itself. */
class StartTlsIT {

    ControlNodeFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new ControlNodeFixture(true, true);
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void smackAgentsNegotiateTlsAndExchangeRoutes() throws Exception {
        try (SmackAgent host1 = SmackAgent.connect(fixture.address(), "host1", "secret1", true);
             SmackAgent host2 = SmackAgent.connect(fixture.address(), "host2", "secret2", true)) {
            assertThat(host1.connection.isSecureConnection()).isTrue();
            host1.subscribe(RED, 1);
            host2.subscribe(RED, 1);

            host1.publish(RED, "10.1.1.3/32", "192.168.0.11", 25, "default-domain:demo:red");

            await().atMost(Duration.ofSeconds(10)).until(() -> host2.holds(RED, "10.1.1.3/32"));
        }
    }

    @Test
    void refusesAnAgentThatWillNotUseTls() {
        assertThatThrownBy(() -> SmackAgent.connect(fixture.address(), "host1", "secret1", false))
                .isInstanceOf(SmackException.class);
        assertThat(fixture.node.peers().establishedCount()).isZero();
    }

    @Test
    void refusesPlainAuthenticationBeforeTls() throws Exception {
        try (RawXmppClient raw = new RawXmppClient(fixture.address())) {
            raw.open();
            assertThat(raw.awaitElement("features").child("starttls").orElseThrow().child("required")).isPresent();

            raw.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGhvc3QxAHNlY3JldDE=</auth>");

            assertThat(raw.awaitElement("failure").child("encryption-required")).isPresent();
            await().atMost(Duration.ofSeconds(10)).until(raw::socketClosed);
        }
    }
}
