package io.filament.schema.policy;

import io.filament.schema.config.ConfigImage;
import io.filament.schema.config.ConfigKey;
import io.filament.schema.config.ConfigObject;
import io.filament.schema.config.ObjectRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The network policies attached to a network that are present in the image, in TF's evaluation order:
 * {@code VirtualNetworkPolicyType.sequence} major then minor (unsequenced last), then fq name; a policy attached
 * twice counts once, at its first place.
 */
public final class AttachedPolicies {

    private record Attached(long major, long minor, String name, ConfigKey key, ConfigObject policy) {
    }

    private static final Comparator<Attached> ORDER = Comparator.comparingLong(Attached::major)
            .thenComparingLong(Attached::minor)
            .thenComparing(Attached::name)
            .thenComparing(Attached::key);

    private AttachedPolicies() {
    }

    public static List<ConfigObject> of(ConfigObject network, ConfigImage image) {
        List<Attached> attached = new ArrayList<>(2);
        for (ObjectRef ref : network.refs()) {
            if (!ref.type().equals("network-policy")) {
                continue;
            }
            image.get(ref.target()).ifPresent(policy -> {
                JsonNode sequence = ref.attr().path("sequence");
                attached.add(new Attached(order(sequence.path("major")), order(sequence.path("minor")),
                        policy.fqName().toString(), policy.key(), policy));
            });
        }
        attached.sort(ORDER);
        List<ConfigObject> policies = new ArrayList<>(attached.size());
        Set<ConfigKey> seen = new HashSet<>();
        for (Attached each : attached) {
            if (seen.add(each.key())) {
                policies.add(each.policy());
            }
        }
        return List.copyOf(policies);
    }

    private static long order(JsonNode number) {
        return number.isIntegralNumber() ? number.longValue() : Long.MAX_VALUE;
    }
}
