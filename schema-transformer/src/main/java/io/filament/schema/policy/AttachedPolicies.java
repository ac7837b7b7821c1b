package io.filament.schema.policy;

import io.filament.schema.config.ConfigImage;
import io.filament.schema.config.ConfigObject;
import io.filament.schema.config.ObjectRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The network policies attached to a network that are present in the image, in TF's evaluation order:
 * {@code VirtualNetworkPolicyType.sequence} major then minor (unsequenced last), then fq name.
 */
public final class AttachedPolicies {

    private AttachedPolicies() {
    }

    public static List<ConfigObject> of(ConfigObject network, ConfigImage image) {
        record Attached(long major, long minor, ConfigObject policy) {
        }
        List<Attached> attached = new ArrayList<>();
        for (ObjectRef ref : network.refsTo("network-policy")) {
            image.get(ref.target()).ifPresent(policy -> {
                JsonNode sequence = ref.attr().path("sequence");
                attached.add(new Attached(order(sequence.path("major")), order(sequence.path("minor")), policy));
            });
        }
        return attached.stream()
                .sorted(Comparator.comparingLong(Attached::major).thenComparingLong(Attached::minor)
                        .thenComparing(a -> a.policy().fqName().toString())
                        .thenComparing(a -> a.policy().key()))
                .map(Attached::policy)
                .distinct()
                .toList();
    }

    private static long order(JsonNode number) {
        return number.isIntegralNumber() ? number.longValue() : Long.MAX_VALUE;
    }
}
