package io.filament.control.xmpp.it;

import io.filament.contracts.xmpp.RouteEntry;
import io.filament.control.xmpp.wire.TfVectors;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.filament.control.xmpp.it.ControlNodeFixture.BLUE;
import static io.filament.control.xmpp.it.ControlNodeFixture.GREEN;
import static io.filament.control.xmpp.it.ControlNodeFixture.RED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Agents built on Smack against a real control node on loopback. */
class SmackAgentIT {

    ControlNodeFixture fixture;
    final List<SmackAgent> agents = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        fixture = new ControlNodeFixture(false, false);
    }

    @AfterEach
    void stop() throws Exception {
        agents.forEach(SmackAgent::close);
        fixture.close();
    }

    SmackAgent agent(String host, String password) throws Exception {
        SmackAgent a = SmackAgent.connect(fixture.address(), host, password, false);
        agents.add(a);
        return a;
    }

    @Test
    void reflectsARouteIntoTheSameNetworkAndAConnectedOneButNotAnUnconnectedOne() throws Exception {
        SmackAgent host1 = agent("host1", "secret1");
        SmackAgent host2 = agent("host2", "secret2");
        SmackAgent host3 = agent("host3", "secret3");
        host1.subscribe(RED, 1);
        host2.subscribe(RED, 1);
        host3.subscribe(GREEN, 1);
        host3.subscribe(BLUE, 2);

        host1.publish(RED, "10.1.1.3/32", "192.168.0.11", 25, "default-domain:demo:red");

        await().atMost(Duration.ofSeconds(10)).until(() -> host2.holds(RED, "10.1.1.3/32") && host3.holds(BLUE, "10.1.1.3/32"));
        RouteEntry seen = host2.routes.get(RED).get("10.1.1.3/32");
        assertThat(seen.nextHops()).singleElement().satisfies(nh -> {
            assertThat(nh.address()).isEqualTo("192.168.0.11");
            assertThat(nh.label()).isEqualTo(25);
            assertThat(nh.virtualNetwork()).isEqualTo("default-domain:demo:red");
        });
        assertThat(seen.securityGroups()).containsExactly(8000002L);
        assertThat(seen.effectiveMed()).isEqualTo(200);
        assertThat(host3.holds(GREEN, "10.1.1.3/32")).isFalse();
        assertThat(host1.holds(RED, "10.1.1.3/32")).as("split horizon").isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> host2.endOfRib.get() > 0);
    }

    @Test
    void withdrawalRetractsTheRouteEverywhere() throws Exception {
        SmackAgent host1 = agent("host1", "secret1");
        SmackAgent host3 = agent("host3", "secret3");
        host1.subscribe(RED, 1);
        host3.subscribe(BLUE, 1);
        host1.publish(RED, "10.1.1.4/32", "192.168.0.11", 26, "default-domain:demo:red");
        await().atMost(Duration.ofSeconds(10)).until(() -> host3.holds(BLUE, "10.1.1.4/32"));

        host1.withdraw(RED, "10.1.1.4/32");

        await().atMost(Duration.ofSeconds(10)).until(() -> !host3.holds(BLUE, "10.1.1.4/32"));
    }

    @Test
    void sessionLossRetractsTheAgentsRoutes() throws Exception {
        SmackAgent host1 = agent("host1", "secret1");
        SmackAgent host2 = agent("host2", "secret2");
        host1.subscribe(RED, 1);
        host2.subscribe(RED, 1);
        host1.publish(RED, "10.1.1.5/32", "192.168.0.11", 27, "default-domain:demo:red");
        await().atMost(Duration.ofSeconds(10)).until(() -> host2.holds(RED, "10.1.1.5/32"));

        host1.connection.instantShutdown();

        await().atMost(Duration.ofSeconds(10)).until(() -> !host2.holds(RED, "10.1.1.5/32"));
    }

    @Test
    void unsubscribeRetractsTheRoutesPublishedInThatInstance() throws Exception {
        SmackAgent host1 = agent("host1", "secret1");
        SmackAgent host2 = agent("host2", "secret2");
        host1.subscribe(RED, 1);
        host2.subscribe(RED, 1);
        host1.publish(RED, "10.1.1.6/32", "192.168.0.11", 28, "default-domain:demo:red");
        await().atMost(Duration.ofSeconds(10)).until(() -> host2.holds(RED, "10.1.1.6/32"));

        host1.unsubscribe(RED);

        await().atMost(Duration.ofSeconds(10)).until(() -> !host2.holds(RED, "10.1.1.6/32"));
    }

    @Test
    void refusesAWrongPassword() {
        assertThatThrownBy(() -> agent("host1", "wrong")).isInstanceOf(SASLErrorException.class)
                .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("not-authorized"));
        assertThat(fixture.node.peers().establishedCount()).isZero();
    }

    @Test
    void refusesAHostThatIsNotAVirtualRouterEvenWithCredentials() throws Exception {
        fixture.addCredential("intruder", "pw");

        assertThatThrownBy(() -> agent("intruder", "pw")).isInstanceOfAny(SmackException.class, XMPPException.class);
        assertThat(fixture.node.peers().establishedCount()).isZero();
    }

    @Test
    void acceptsANewHostAfterTheSecretsFileChangesWithoutRestart() throws Exception {
        fixture.node.config().change(g -> g.put(ControlNodeFixture.virtualRouter("host4"))).join();
        assertThatThrownBy(() -> agent("host4", "secret4")).isInstanceOfAny(SmackException.class, XMPPException.class);

        fixture.addCredential("host4", "secret4");

        assertThat(agent("host4", "secret4").connection.isAuthenticated()).isTrue();
    }

    @Test
    void rejectsEveryTfBadItemWithoutDisturbingOtherRoutesOrSessions() throws Exception {
        SmackAgent host1 = agent("host1", "secret1");
        SmackAgent host2 = agent("host2", "secret2");
        host1.subscribe(RED, 1);
        host2.subscribe(RED, 1);
        host1.publish(RED, "10.1.1.7/32", "192.168.0.11", 29, "default-domain:demo:red");
        await().atMost(Duration.ofSeconds(10)).until(() -> host2.holds(RED, "10.1.1.7/32"));

        for (String file : TfVectors.files("bgp", "bad_*_item_*.xml")) {
            String item = new String(TfVectors.bytes("bgp", file), StandardCharsets.UTF_8);
            String node = (file.contains("inet6") ? "2/1/" : "1/1/") + RED + "/bad";
            host1.request("network-control@contrailsystems.com/bgp-peer", "<publish node='" + node + "'>" + item + "</publish>");
            IQ answer = host1.request("network-control@contrailsystems.com/bgp-peer",
                    "<collection node='" + RED + "'><associate node='" + node + "'/></collection>");
            assertThat(answer.getType()).as(file).isEqualTo(IQ.Type.error);
        }

        assertThat(host1.connection.isConnected()).isTrue();
        host1.publish(RED, "10.1.1.8/32", "192.168.0.11", 30, "default-domain:demo:red");
        await().atMost(Duration.ofSeconds(10)).until(() -> host2.holds(RED, "10.1.1.8/32"));
        assertThat(host2.routes.get(RED)).containsOnlyKeys("10.1.1.7/32", "10.1.1.8/32");
    }
}
