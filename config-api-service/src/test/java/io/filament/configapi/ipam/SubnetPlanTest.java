package io.filament.configapi.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filament.configapi.error.BadRequestException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SubnetPlanTest {

    private static SubnetPlan plan(String prefix, int length, boolean fromStart, List<AddressRange> pools) {
        IpSubnet subnet = IpSubnet.of("subnet", prefix, length);
        return new SubnetPlan("s1", subnet, Optional.of(SubnetPlan.defaultGateway(subnet, fromStart)),
                Optional.of(SubnetPlan.defaultDnsServer(subnet, fromStart)), pools, fromStart);
    }

    private static List<String> all(SubnetPlan plan) {
        List<String> out = new ArrayList<>();
        plan.allocationOrder().forEachRemaining(a -> out.add(a.toString()));
        return out;
    }

    @Test
    void slash24DefaultsToGateway254AndDns253AndHandsOutTheRestFromTheTop() {
        SubnetPlan plan = plan("10.1.1.0", 24, false, List.of());

        List<String> order = all(plan);

        assertThat(plan.gateway()).hasValueSatisfying(g -> assertThat(g.toString()).isEqualTo("10.1.1.254"));
        assertThat(plan.dnsServer()).hasValueSatisfying(d -> assertThat(d.toString()).isEqualTo("10.1.1.253"));
        assertThat(order).hasSize(252).startsWith("10.1.1.252", "10.1.1.251").endsWith("10.1.1.1")
                .doesNotContain("10.1.1.0", "10.1.1.255", "10.1.1.254", "10.1.1.253");
    }

    @Test
    void addrFromStartPutsGatewayAndDnsAtTheBottomAndAllocatesUpwards() {
        SubnetPlan plan = plan("192.168.0.0", 24, true, List.of());

        assertThat(plan.gateway().orElseThrow().toString()).isEqualTo("192.168.0.1");
        assertThat(plan.dnsServer().orElseThrow().toString()).isEqualTo("192.168.0.2");
        assertThat(all(plan)).startsWith("192.168.0.3", "192.168.0.4").endsWith("192.168.0.254").hasSize(252);
    }

    @Test
    void allocationPoolsLimitTheAddressesHandedOut() {
        IpAddress start = IpAddress.parse("10.0.0.10").orElseThrow();
        IpAddress end = IpAddress.parse("10.0.0.12").orElseThrow();

        SubnetPlan plan = plan("10.0.0.0", 24, true, List.of(new AddressRange(start, end)));

        assertThat(all(plan)).containsExactly("10.0.0.10", "10.0.0.11", "10.0.0.12");
    }

    @Test
    void ipv6SubnetsUseCompressedTextAndTheSameDefaults() {
        SubnetPlan plan = plan("2001:db8:1::", 64, false, List.of());

        Iterator<IpAddress> order = plan.allocationOrder();

        assertThat(plan.gateway().orElseThrow().toString()).isEqualTo("2001:db8:1:0:ffff:ffff:ffff:fffe");
        assertThat(order.next().toString()).isEqualTo("2001:db8:1:0:ffff:ffff:ffff:fffc");
        assertThat(IpAddress.parse("2001:0db8:0000:0000:0000:0000:0000:0001").orElseThrow().toString())
                .isEqualTo("2001:db8::1");
    }

    @Test
    void prefixWithHostBitsIsABadRequestNamingTheField() {
        assertThatThrownBy(() -> IpSubnet.of("ipam_subnets[0].subnet", "10.1.1.7", 24))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("ipam_subnets[0].subnet").hasMessageContaining("10.1.1.7/24")
                .hasMessageContaining("host bits");
        assertThatThrownBy(() -> IpSubnet.of("subnet", "10.1.1.0", 33))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("33");
        assertThatThrownBy(() -> IpSubnet.of("subnet", "10.1.1", 24))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("'10.1.1'");
    }

    @Test
    void overlapIsDetectedBothWays() {
        IpSubnet wide = IpSubnet.of("s", "10.0.0.0", 16);
        IpSubnet narrow = IpSubnet.of("s", "10.0.5.0", 24);

        assertThat(wide.overlaps(narrow)).isTrue();
        assertThat(narrow.overlaps(wide)).isTrue();
        assertThat(narrow.overlaps(IpSubnet.of("s", "10.1.5.0", 24))).isFalse();
    }

    @Property
    void everyAllocatableAddressIsInsideTheSubnetAndNeverReserved(@ForAll @IntRange(min = 22, max = 30) int length,
                                                                  @ForAll boolean fromStart) {
        SubnetPlan plan = plan("172.16.0.0", length, fromStart, List.of());
        long size = 1L << (32 - length);

        List<String> order = all(plan);

        assertThat(order).hasSize((int) (size - 4)).doesNotHaveDuplicates();
        plan.allocationOrder().forEachRemaining(a -> assertThat(plan.reservation(a)).isEmpty());
    }

    @Property
    void v4TextRoundTrips(@ForAll @IntRange(min = 0, max = 255) int a, @ForAll @IntRange(min = 0, max = 255) int b) {
        String text = "10." + a + "." + b + ".7";

        assertThat(IpAddress.parse(text).orElseThrow().toString()).isEqualTo(text);
    }
}
