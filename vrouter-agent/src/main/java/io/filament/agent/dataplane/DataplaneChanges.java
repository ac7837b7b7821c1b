package io.filament.agent.dataplane;

import io.filament.agent.dataplane.wire.DataplaneRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The requests that take the dataplane from one state to another, in an order it accepts: adds and replaces
 * bottom-up (VRFs, ACLs, interfaces, next hops, labels, routes), then deletes top-down (routes, labels, next
 * hops, interfaces, ACLs, VRFs), so nothing is ever referenced before it exists or removed while in use.
 */
public final class DataplaneChanges {

    private DataplaneChanges() {
    }

    public static List<DataplaneRequest> between(DataplaneState from, DataplaneState to) {
        List<DataplaneRequest> out = new ArrayList<>();
        to.vrfs().stream().filter(v -> !from.vrfs().contains(v)).forEach(v -> out.add(new DataplaneRequest.AddVrf(v)));
        changed(from.acls(), to.acls(), out);
        changed(from.interfaces(), to.interfaces(), out);
        to.nextHops().forEach((id, nh) -> {
            if (!Objects.equals(from.nextHops().get(id), nh)) {
                out.add(new DataplaneRequest.AddNextHop(nh));
            }
        });
        to.labels().forEach((label, nh) -> {
            if (!Objects.equals(from.labels().get(label), nh)) {
                out.add(new DataplaneRequest.AddLabel(label, nh));
            }
        });
        changed(from.routes(), to.routes(), out);
        from.routes().forEach((k, r) -> {
            if (!to.routes().containsKey(k)) {
                out.add(new DataplaneRequest.DeleteRoute(r.vrf(), r.family(), r.high(), r.low(), r.length()));
            }
        });
        from.labels().keySet().stream().filter(l -> !to.labels().containsKey(l))
                .forEach(l -> out.add(new DataplaneRequest.DeleteLabel(l)));
        from.nextHops().keySet().stream().filter(id -> !to.nextHops().containsKey(id))
                .forEach(id -> out.add(new DataplaneRequest.DeleteNextHop(id)));
        from.interfaces().keySet().stream().filter(i -> !to.interfaces().containsKey(i))
                .forEach(i -> out.add(new DataplaneRequest.DeleteInterface(i)));
        from.acls().keySet().stream().filter(a -> !to.acls().containsKey(a))
                .forEach(a -> out.add(new DataplaneRequest.DeleteAcl(a)));
        from.vrfs().stream().filter(v -> !to.vrfs().contains(v)).forEach(v -> out.add(new DataplaneRequest.DeleteVrf(v)));
        return out;
    }

    private static <K, V extends DataplaneRequest> void changed(Map<K, V> from, Map<K, V> to, List<DataplaneRequest> out) {
        to.forEach((k, v) -> {
            if (!Objects.equals(from.get(k), v)) {
                out.add(v);
            }
        });
    }
}
