package io.filament.schema.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TreeSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionGraphTest {

    private final ConnectionGraph graph = new ConnectionGraph();

    private static ConnectionIntent naming(String... networks) {
        return new ConnectionIntent(new TreeSet<>(List.of(networks)), false);
    }

    private static ConnectionIntent any() {
        return new ConnectionIntent(new TreeSet<>(), true);
    }

    @Test
    void connectsTwoNetworksThatNameEachOther() {
        graph.put("d:p:red", "d:p", naming("d:p:blue"));
        graph.put("d:p:blue", "d:p", naming("d:p:red"));

        assertThat(graph.peersOf("d:p:red")).containsExactly("d:p:blue");
        assertThat(graph.peersOf("d:p:blue")).containsExactly("d:p:red");
    }

    @Test
    void doesNotConnectWhenOnlyOneSideAllows() {
        graph.put("d:p:red", "d:p", naming("d:p:blue"));
        graph.put("d:p:blue", "d:p", ConnectionIntent.NONE);

        assertThat(graph.peersOf("d:p:red")).isEmpty();
        assertThat(graph.peersOf("d:p:blue")).isEmpty();
    }

    @Test
    void holdsANameUntilTheNamedNetworkArrives() {
        graph.put("d:p:red", "d:p", naming("d:p:blue"));
        assertThat(graph.peersOf("d:p:red")).isEmpty();

        graph.put("d:p:blue", "d:p", naming("d:p:red"));

        assertThat(graph.peersOf("d:p:red")).containsExactly("d:p:blue");
    }

    @Test
    void expandsAnyToTheSameProjectAndToNetworksThatNameThisOne() {
        graph.put("d:p:red", "d:p", any());
        graph.put("d:p:blue", "d:p", any());
        graph.put("d:q:green", "d:q", naming("d:p:red"));
        graph.put("d:q:yellow", "d:q", any());

        assertThat(graph.peersOf("d:p:red")).containsExactly("d:p:blue", "d:q:green");
        assertThat(graph.peersOf("d:q:yellow")).isEmpty();
        assertThat(graph.peersOf("d:q:green")).containsExactly("d:p:red");
    }

    @Test
    void dropsTheConnectionWhenOneSideIsRemoved() {
        graph.put("d:p:red", "d:p", naming("d:p:blue"));
        graph.put("d:p:blue", "d:p", naming("d:p:red"));

        graph.remove("d:p:blue");

        assertThat(graph.peersOf("d:p:red")).isEmpty();
        assertThat(graph.contains("d:p:blue")).isFalse();
    }
}
