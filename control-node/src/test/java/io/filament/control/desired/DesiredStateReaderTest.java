package io.filament.control.desired;

import io.filament.control.config.ConfigRecordException;
import io.filament.control.config.NodeKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DesiredStateReaderTest {

    final DesiredStateReader reader = new DesiredStateReader();

    static byte[] json(String s) {
        return s.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsARoutingInstanceWithItsTargetsAndItsNodeUnderTheNetwork() {
        var change = (DesiredChange.RoutingInstance) reader.read("routing-instance/default-domain:demo:red:red", json(
                "{'name':'default-domain:demo:red:red','virtual_network':'default-domain:demo:red',"
                        + "'import_route_targets':['target:64512:8000001','target:64512:8000002'],"
                        + "'export_route_targets':['target:64512:8000001'],'routing_instance_is_default':true,'vni':5,"
                        + "'connections':['default-domain:demo:blue:blue'],'derived_from':{'virtual-network/u1':3}}"));

        assertThat(change.spec().importTargets()).containsExactly("target:64512:8000001", "target:64512:8000002");
        assertThat(change.spec().exportTargets()).containsExactly("target:64512:8000001");
        assertThat(change.node().key()).isEqualTo(new NodeKey("routing-instance", "default-domain:demo:red:red"));
        assertThat(change.node().parent()).contains(new NodeKey("virtual-network", "default-domain:demo:red"));
        assertThat(change.node().properties()).containsKeys("routing_instance_is_default", "vxlan_id");
    }

    @Test
    void readsANetworkAclAsAnAccessControlListNode() {
        var change = (DesiredChange.AccessControlList) reader.read("network-acl/default-domain:demo:red:red", json(
                "{'name':'default-domain:demo:red:red','virtual_network':'default-domain:demo:red',"
                        + "'acl_rule':[{'action_list':{'simple_action':'pass'}}],'dynamic':false}"));

        assertThat(change.node().key()).isEqualTo(new NodeKey("access-control-list", "default-domain:demo:red:red"));
        assertThat(change.node().properties().get("access_control_list_entries").get("acl_rule")).hasSize(1);
    }

    @Test
    void readsATombstoneAsARemoval() {
        assertThat(reader.read("routing-instance/a:b:c:c", null)).isEqualTo(new DesiredChange.Removed("routing-instance", "a:b:c:c"));
    }

    @Test
    void rejectsAMalformedRouteTargetNamingTheField() {
        assertThatThrownBy(() -> reader.read("routing-instance/a:b:c:c", json(
                "{'name':'a:b:c:c','virtual_network':'a:b:c','import_route_targets':['64512:1'],'export_route_targets':[]}")))
                .isInstanceOfSatisfying(ConfigRecordException.class,
                        e -> assertThat(e.field()).isEqualTo("import_route_targets"))
                .hasMessageContaining("64512:1");
    }

    @Test
    void rejectsAnUnknownType() {
        assertThatThrownBy(() -> reader.read("floating-thing/x", json("{}")))
                .isInstanceOfSatisfying(ConfigRecordException.class, e -> assertThat(e.field()).isEqualTo("type"));
    }
}
