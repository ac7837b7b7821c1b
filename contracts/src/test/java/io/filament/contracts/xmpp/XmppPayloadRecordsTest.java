package io.filament.contracts.xmpp;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class XmppPayloadRecordsTest {

    @Test
    void printsPrefixesTheWayTfDoesAndClearsHostBits() {
        assertThat(RoutePrefix.parse("10.1.1.3/32")).hasToString("10.1.1.3/32");
        assertThat(RoutePrefix.parse("10.1.1.3/24")).hasToString("10.1.1.0/24");
        assertThat(RoutePrefix.parse("abcd:0:0:0:0:0:0:1/128")).hasToString("abcd::1/128");
        assertThat(RoutePrefix.parse("2001:db8:0:1:0:0:0:0/64")).hasToString("2001:db8:0:1::/64");
        assertThat(RoutePrefix.parse("::/0")).hasToString("::/0");
    }

    @Test
    void rejectsBadPrefixesNamingTheValue() {
        assertThatThrownBy(() -> RoutePrefix.parse("10.1.1.777/32")).isInstanceOf(XmppPayloadException.class)
                .hasMessageContaining("10.1.1.777");
        assertThatThrownBy(() -> RoutePrefix.parse("10.1.1.1/33")).hasMessageContaining("length out of range");
        assertThatThrownBy(() -> RoutePrefix.parse("wxyz::1/128")).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> RoutePrefix.parse("10.1.1.1")).hasMessageContaining("missing '/<length>'");
    }

    @Test
    void parsesItemNodesWithAndWithoutTheInstance() {
        RouteItemNode full = RouteItemNode.parse("1/1/default-domain:demo:vn1:vn1/10.1.1.3/32");
        RouteItemNode shortForm = RouteItemNode.parse("1/1/10.1.2.1");
        RouteItemNode v6 = RouteItemNode.parse("2/1/blue/abcd::1/128");

        assertThat(full.instance()).contains("default-domain:demo:vn1:vn1");
        assertThat(full.key()).isEqualTo("10.1.1.3/32");
        assertThat(full).hasToString("1/1/default-domain:demo:vn1:vn1/10.1.1.3/32");
        assertThat(shortForm.instance()).isEmpty();
        assertThat(v6.family()).isEqualTo(XmppFamily.INET6);
        assertThat(v6.instance()).contains("blue");
        assertThatThrownBy(() -> RouteItemNode.parse("3/1/x/10.0.0.0/8")).hasMessageContaining("unsupported address family");
    }

    @Test
    void derivesMedFromLocalPreferenceWhenTheAgentSendsZero() {
        assertThat(entry(100, 0).effectiveMed()).isEqualTo(200);
        assertThat(entry(200, 0).effectiveMed()).isEqualTo(100);
        assertThat(entry(1, 0).effectiveMed()).isEqualTo(0xFFFF_FFFFL - 1);
        assertThat(entry(100, 42).effectiveMed()).isEqualTo(42);
    }

    @Test
    void boundsLabelsAndInstanceIds() {
        assertThatThrownBy(() -> new NextHop("192.168.0.1", 1L << 24, List.of(), "", List.of()))
                .isInstanceOfSatisfying(XmppPayloadException.class, e -> assertThat(e.field()).isEqualTo("next-hop/label"));
        assertThatThrownBy(() -> new SubscribeOptions(70000, false))
                .isInstanceOfSatisfying(XmppPayloadException.class, e -> assertThat(e.field()).isEqualTo("options/instance-id"));
    }

    @Test
    void namesTfIdentitiesAndConfigNodes() {
        XmppAddresses a = new XmppAddresses(XmppAddresses.DEFAULT_DOMAIN);
        assertThat(a.controlNodeBgpPeer()).isEqualTo("network-control@contrailsystems.com/bgp-peer");
        assertThat(a.agent("compute-1")).isEqualTo("compute-1@contrailsystems.com");
        assertThat(ConfigNodeName.virtualRouter("compute-1")).hasToString("virtual-router:default-global-system-config:compute-1");
        assertThat(ConfigNodeName.parse("virtual-machine:2d308482")).isEqualTo(new ConfigNodeName("virtual-machine", "2d308482"));
        assertThat(ItemsNode.of(XmppFamily.INET6, "red").value()).isEqualTo("2/1/red");
        assertThat(ItemsNode.END_OF_RIB.isEndOfRib()).isTrue();
        assertThat(TunnelEncapsulation.fromWire("vxlan")).contains(TunnelEncapsulation.VXLAN);
        assertThat(TunnelEncapsulation.fromWire("mpls-over-carrier-pigeon")).isEqualTo(Optional.empty());
    }

    private static RouteEntry entry(long lp, long med) {
        return new RouteEntry(XmppFamily.INET, RoutePrefix.parse("10.0.0.1/32"),
                List.of(new NextHop("192.168.0.1", 16, List.of(TunnelEncapsulation.GRE), "", List.of())),
                1, "", List.of(), List.of(), lp, med, 0, "");
    }
}
