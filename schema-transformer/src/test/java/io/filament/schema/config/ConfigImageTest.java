package io.filament.schema.config;

import static io.filament.schema.fixtures.ConfigSnapshots.network;
import static io.filament.schema.fixtures.ConfigSnapshots.tombstone;
import static org.assertj.core.api.Assertions.assertThat;

import io.filament.schema.fixtures.ConfigSnapshots.Policy;
import org.junit.jupiter.api.Test;

class ConfigImageTest {

    private final ConfigImage image = new ConfigImage();

    @Test
    void findsTheReferrerOfAnObjectThatHasNotArrivedYet() {
        Policy policy = Policy.of("p1", "demo", "web");
        image.apply(network("n1", 1, "red", 5, policy).change());

        assertThat(image.get(ConfigKey.of("network-policy", "p1"))).isEmpty();
        assertThat(image.referrersOf(ConfigKey.of("network-policy", "p1")))
                .containsExactly(ConfigKey.of("virtual-network", "n1"));
    }

    @Test
    void ignoresASnapshotOlderThanTheOneHeld() {
        image.apply(network("n1", 3, "red", 5).change());

        ConfigImage.Update update = image.apply(network("n1", 2, "red", 9).change());

        assertThat(update.changed()).isFalse();
        assertThat(image.get(ConfigKey.of("virtual-network", "n1")).orElseThrow().version()).isEqualTo(3);
    }

    @Test
    void forgetsReferencesAndNamesOnRemoval() {
        image.apply(network("n1", 1, "red", 5, Policy.of("p1", "demo", "web")).change());

        ConfigImage.Update update = image.apply(tombstone("virtual-network", "n1").change());

        assertThat(update.changed()).isTrue();
        assertThat(image.byFqName("virtual-network", "default-domain:demo:red")).isEmpty();
        assertThat(image.referrersOf(ConfigKey.of("network-policy", "p1"))).isEmpty();
        assertThat(image.ofType("virtual-network")).isEmpty();
    }

    @Test
    void namesTheNewestOfTwoObjectsSharingANameAndTheOtherOnceOneGoes() {
        image.apply(network("old", 1, "red", 5).change());
        image.apply(network("new", 1, "red", 7).change());
        assertThat(image.byFqName("virtual-network", "default-domain:demo:red").orElseThrow().key().uuid())
                .isEqualTo("new");

        image.apply(tombstone("virtual-network", "old").change());
        assertThat(image.byFqName("virtual-network", "default-domain:demo:red").orElseThrow().key().uuid())
                .isEqualTo("new");

        image.apply(network("old", 2, "red", 5).change());
        image.apply(tombstone("virtual-network", "old").change());
        assertThat(image.byFqName("virtual-network", "default-domain:demo:red").orElseThrow().key().uuid())
                .as("the older one leaving after an update").isEqualTo("new");
    }

    @Test
    void reportsARepeatedIdenticalSnapshotAsUnchanged() {
        image.apply(network("n1", 1, "red", 5).change());

        assertThat(image.apply(network("n1", 1, "red", 5).change()).changed()).isFalse();
    }
}
