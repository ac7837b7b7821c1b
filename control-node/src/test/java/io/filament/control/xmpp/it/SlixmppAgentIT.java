package io.filament.control.xmpp.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.filament.control.xmpp.it.ControlNodeFixture.BLUE;
import static io.filament.control.xmpp.it.ControlNodeFixture.GREEN;
import static io.filament.control.xmpp.it.ControlNodeFixture.RED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** slixmpp agents (and a Smack one) against a real control node on loopback. */
class SlixmppAgentIT {

    ControlNodeFixture fixture;
    final List<AutoCloseable> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        fixture = new ControlNodeFixture(false, false);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : clients) {
            c.close();
        }
        fixture.close();
    }

    SlixmppAgent slixmpp(String host, String password) throws Exception {
        SlixmppAgent a = SlixmppAgent.start(fixture.address(), host, password);
        clients.add(a);
        return a;
    }

    SlixmppAgent established(String host, String password) throws Exception {
        SlixmppAgent a = slixmpp(host, password);
        await().atMost(Duration.ofSeconds(20)).until(() -> a.saw("SESSION") || a.saw("AUTH FAILED") || a.saw("DISCONNECTED"));
        assertThat(a.lines).anyMatch(l -> l.startsWith("SESSION " + host + "@contrailsystems.com/"));
        return a;
    }

    @Test
    void slixmppAgentsReceiveASmackAgentsRouteInTheSameAndTheConnectedNetworkOnly() throws Exception {
        SlixmppAgent host2 = established("host2", "secret2");
        SlixmppAgent host3 = established("host3", "secret3");
        host2.run("subscribe " + RED + " 1");
        host3.run("subscribe " + GREEN + " 1");
        host3.run("subscribe " + BLUE + " 2");
        SmackAgent host1 = SmackAgent.connect(fixture.address(), "host1", "secret1", false);
        clients.add(host1);
        host1.subscribe(RED, 1);

        host1.publish(RED, "10.1.1.3/32", "192.168.0.11", 25, "default-domain:demo:red");

        await().atMost(Duration.ofSeconds(10)).until(() -> host2.saw("ITEM 1/1/" + RED + " 10.1.1.3/32 192.168.0.11 25")
                && host3.saw("ITEM 1/1/" + BLUE + " 10.1.1.3/32 192.168.0.11 25"));
        assertThat(host3.saw("ITEM 1/1/" + GREEN)).isFalse();

        host1.withdraw(RED, "10.1.1.3/32");
        await().atMost(Duration.ofSeconds(10)).until(() -> host2.saw("RETRACT 1/1/" + RED + " 10.1.1.3/32")
                && host3.saw("RETRACT 1/1/" + BLUE + " 10.1.1.3/32"));
    }

    @Test
    void aSlixmppAgentsRouteReachesSmackAndGoesWhenItsSessionIsLost() throws Exception {
        SmackAgent host1 = SmackAgent.connect(fixture.address(), "host1", "secret1", false);
        clients.add(host1);
        host1.subscribe(BLUE, 1);
        SlixmppAgent host2 = established("host2", "secret2");
        host2.run("subscribe " + RED + " 7");

        host2.run("publish " + RED + " 10.1.1.9/32 192.168.0.12 40");

        await().atMost(Duration.ofSeconds(10)).until(() -> host1.holds(BLUE, "10.1.1.9/32"));
        assertThat(host1.routes.get(BLUE).get("10.1.1.9/32").nextHops().getFirst().label()).isEqualTo(40);

        host2.process.destroyForcibly();

        await().atMost(Duration.ofSeconds(10)).until(() -> !host1.holds(BLUE, "10.1.1.9/32"));
    }

    @Test
    void slixmppWithAWrongPasswordIsRefused() throws Exception {
        SlixmppAgent a = slixmpp("host2", "wrong");

        await().atMost(Duration.ofSeconds(20)).until(() -> a.saw("AUTH FAILED") || a.saw("DISCONNECTED"));
        assertThat(a.saw("SESSION")).isFalse();
        assertThat(fixture.node.peers().establishedCount()).isZero();
    }

    @Test
    void slixmppAsAHostThatIsNoVirtualRouterIsRefused() throws Exception {
        fixture.addCredential("stranger", "pw");
        SlixmppAgent a = slixmpp("stranger", "pw");

        await().atMost(Duration.ofSeconds(20)).until(() -> a.saw("AUTH FAILED") || a.saw("DISCONNECTED"));
        assertThat(a.saw("SESSION")).isFalse();
        assertThat(fixture.node.peers().establishedCount()).isZero();
    }
}
