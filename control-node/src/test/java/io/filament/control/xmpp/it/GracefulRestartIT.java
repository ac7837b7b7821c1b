package io.filament.control.xmpp.it;

import io.filament.control.xmpp.peer.PeerLimits;
import io.filament.control.xmpp.peer.PeerStatus;
import io.filament.control.xmpp.session.SessionSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.filament.control.xmpp.it.ControlNodeFixture.BLUE;
import static io.filament.control.xmpp.it.ControlNodeFixture.DOMAIN;
import static io.filament.control.xmpp.it.ControlNodeFixture.RED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** TF-style graceful restart of an agent's routes, with Smack agents against a real control node on loopback. */
class GracefulRestartIT {

    static final Duration GRACE = Duration.ofSeconds(4);

    ControlNodeFixture fixture;
    final List<SmackAgent> agents = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        agents.forEach(SmackAgent::close);
        fixture.close();
    }

    void start(Duration grace) throws Exception {
        fixture = new ControlNodeFixture(new SessionSettings(DOMAIN, false, false, false, Duration.ofSeconds(90)),
                PeerLimits.DEFAULT, grace);
    }

    SmackAgent agent(String host, String password) throws Exception {
        SmackAgent a = SmackAgent.connect(fixture.address(), host, password, false);
        agents.add(a);
        return a;
    }

    PeerStatus peer(String host) {
        return fixture.node.peers().statuses().stream().filter(s -> s.hostname().equals(host)).findFirst().orElseThrow();
    }

    @Test
    void aReturningAgentKeepsItsRoutesAndItsEndOfRibRetractsOnlyTheOneItDidNotRepublish() throws Exception {
        start(Duration.ofSeconds(30));
        SmackAgent a = agent("host1", "secret1");
        SmackAgent b = agent("host2", "secret2");
        a.subscribe(RED, 1);
        b.subscribe(RED, 1);
        b.subscribe(BLUE, 2);
        a.publish(RED, "10.1.1.3/32", "192.168.0.11", 25, "default-domain:demo:red");
        a.publish(RED, "10.1.1.4/32", "192.168.0.11", 26, "default-domain:demo:red");
        await().atMost(Duration.ofSeconds(10)).until(() -> b.holds(RED, "10.1.1.3/32") && b.holds(RED, "10.1.1.4/32")
                && b.holds(BLUE, "10.1.1.4/32"));

        a.connection.instantShutdown();
        await().atMost(Duration.ofSeconds(10)).until(() -> peer("host1").state().equals("CLOSED"));
        assertThat(peer("host1").stalePaths()).isEqualTo(2);
        assertThat(peer("host1").lastStateChangeReason()).isEqualTo("CONNECTION_LOST");
        // during the grace time nothing is retracted
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> b.retracts.isEmpty());
        assertThat(b.holds(RED, "10.1.1.4/32")).isTrue();

        SmackAgent back = agent("host1", "secret1");
        back.subscribe(RED, 1);
        back.publish(RED, "10.1.1.3/32", "192.168.0.11", 25, "default-domain:demo:red");
        assertThat(b.retracts).isEmpty();
        assertThat(peer("host1").stalePaths()).isEqualTo(1);
        back.sendEndOfRib();

        await().atMost(Duration.ofSeconds(10)).until(() -> b.retracts.size() == 2);
        assertThat(b.retracts).containsExactlyInAnyOrder(RED + " 10.1.1.4/32", BLUE + " 10.1.1.4/32");
        assertThat(b.holds(RED, "10.1.1.3/32")).isTrue();
        assertThat(b.holds(BLUE, "10.1.1.3/32")).isTrue();
        assertThat(peer("host1").stalePaths()).isZero();
        assertThat(peer("host1").state()).isEqualTo("ESTABLISHED");
    }

    @Test
    void theRoutesOfAnAgentThatNeverReturnsAreRetractedWhenTheGraceTimeEnds() throws Exception {
        start(GRACE);
        SmackAgent a = agent("host1", "secret1");
        SmackAgent b = agent("host2", "secret2");
        a.subscribe(RED, 1);
        b.subscribe(RED, 1);
        a.publish(RED, "10.1.1.5/32", "192.168.0.11", 27, "default-domain:demo:red");
        await().atMost(Duration.ofSeconds(10)).until(() -> b.holds(RED, "10.1.1.5/32"));
        long lost = System.nanoTime();

        a.connection.instantShutdown();

        await().atMost(GRACE.plusSeconds(10)).until(() -> !b.holds(RED, "10.1.1.5/32"));
        assertThat(Duration.ofNanos(System.nanoTime() - lost)).isGreaterThanOrEqualTo(GRACE);
        assertThat(b.retracts).containsExactly(RED + " 10.1.1.5/32");
        assertThat(peer("host1").stalePaths()).isZero();
    }

    @Test
    void anExplicitWithdrawalDuringTheReturnIsRetractedAtOnce() throws Exception {
        start(Duration.ofSeconds(30));
        SmackAgent a = agent("host1", "secret1");
        SmackAgent b = agent("host2", "secret2");
        a.subscribe(RED, 1);
        b.subscribe(RED, 1);
        a.publish(RED, "10.1.1.6/32", "192.168.0.11", 28, "default-domain:demo:red");
        await().atMost(Duration.ofSeconds(10)).until(() -> b.holds(RED, "10.1.1.6/32"));
        a.connection.instantShutdown();
        await().atMost(Duration.ofSeconds(10)).until(() -> peer("host1").state().equals("CLOSED"));

        SmackAgent back = agent("host1", "secret1");
        back.subscribe(RED, 1);
        back.withdraw(RED, "10.1.1.6/32");

        await().atMost(Duration.ofSeconds(5)).until(() -> !b.holds(RED, "10.1.1.6/32"));
        assertThat(peer("host1").stalePaths()).isZero();
    }
}
