package io.filament.agent.runtime;

import io.filament.agent.ifmap.ConfigImage;
import io.filament.agent.xmpp.wire.XmlNode;
import io.filament.contracts.xmpp.TunnelEncapsulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The encapsulations this host offers and uses, in order: global-vrouter-config's
 * {@code encapsulation-priorities} (TF's default MPLSoGRE, MPLSoUDP, VXLAN when not configured) restricted to
 * what the dataplane implements.
 */
public final class EncapsulationPriorities {

    static final List<String> TF_DEFAULT = List.of("MPLSoGRE", "MPLSoUDP", "VXLAN");

    private EncapsulationPriorities() {
    }

    public static List<TunnelEncapsulation> of(ConfigImage image, Set<TunnelEncapsulation> supported) {
        List<String> configured = image.nodesOfType("global-vrouter-config").stream().findFirst()
                .flatMap(image::node).flatMap(n -> n.child("encapsulation-priorities"))
                .map(p -> p.all("encapsulation").stream().map(XmlNode::text).toList())
                .filter(l -> !l.isEmpty()).orElse(TF_DEFAULT);
        List<TunnelEncapsulation> out = new ArrayList<>();
        for (String name : configured) {
            wire(name).filter(supported::contains).filter(e -> !out.contains(e)).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<TunnelEncapsulation> wire(String tfName) {
        return switch (tfName.strip()) {
            case "MPLSoGRE" -> Optional.of(TunnelEncapsulation.GRE);
            case "MPLSoUDP" -> Optional.of(TunnelEncapsulation.UDP);
            case "VXLAN" -> Optional.of(TunnelEncapsulation.VXLAN);
            default -> Optional.empty();
        };
    }
}
