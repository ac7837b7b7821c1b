package io.filament.schema.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InMemoryRouteTargetStoreTest {

    private final InMemoryRouteTargetStore store = new InMemoryRouteTargetStore();

    @Test
    void givesTheSameNumberToTheSameInstance() {
        int first = store.numberFor("d:p:a:a", NumberSpace.TYPE0);

        assertThat(store.numberFor("d:p:a:a", NumberSpace.TYPE0)).isEqualTo(first).isEqualTo(8_000_000);
        assertThat(store.numberFor("d:p:b:b", NumberSpace.TYPE0)).isEqualTo(8_000_001);
    }

    @Test
    void reusesTheLowestReleasedNumber() {
        store.numberFor("d:p:a:a", NumberSpace.TYPE0);
        store.numberFor("d:p:b:b", NumberSpace.TYPE0);

        store.release("d:p:a:a");

        assertThat(store.numberFor("d:p:c:c", NumberSpace.TYPE0)).isEqualTo(8_000_000);
    }

    @Test
    void keepsTheTwoSpacesApart() {
        assertThat(store.numberFor("d:p:a:a", NumberSpace.TYPE1_2)).isEqualTo(8_000);
        assertThat(store.numberFor("d:p:a:a", NumberSpace.TYPE0)).isEqualTo(8_000_000);
    }

    @Test
    void failsWithATypedErrorWhenASpaceIsExhausted() {
        for (int n = NumberSpace.TYPE1_2.first(); n <= NumberSpace.TYPE1_2.last(); n++) {
            store.markTaken(NumberSpace.TYPE1_2, n);
        }

        assertThatThrownBy(() -> store.numberFor("d:p:a:a", NumberSpace.TYPE1_2))
                .isInstanceOf(RouteTargetSpaceExhausted.class).hasMessageContaining("d:p:a:a");
    }
}
