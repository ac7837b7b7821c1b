package io.filament.agent.it;

import io.filament.agent.dataplane.client.DataplaneClient;
import io.filament.agent.dataplane.client.DataplaneException;
import io.filament.agent.dataplane.wire.DataplaneReply;
import io.filament.agent.dataplane.wire.DataplaneRequest;
import io.filament.testsupport.RequiresRoot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Windows of pipelined requests, each written at once, against the real dataplane: every request of a window
 * larger than the client's window is answered and applied in order, and a refused request fails the call with
 * the dataplane's reason while the requests around it, in its window and in the windows after it, are applied.
 */
@RequiresRoot
class DataplaneWindowIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static List<Integer> vrfs(DataplaneClient client) throws DataplaneException {
        return ((DataplaneReply.Dump) client.call(new DataplaneRequest.Dump(), TIMEOUT)).vrfs();
    }

    @Test
    void appliesEveryRequestOfWindowsWrittenAtOnceAndNamesARefusedOne() throws Exception {
        try (DataplaneJar dp = DataplaneJar.start("window-host", "127.0.0.66");
             DataplaneClient client = DataplaneClient.connect(dp.socket)) {
            List<DataplaneRequest> many = new ArrayList<>();
            IntStream.rangeClosed(1, 300).forEach(v -> many.add(new DataplaneRequest.AddVrf(v)));

            client.callAll(many, 128, TIMEOUT);

            assertThat(vrfs(client)).containsExactlyElementsOf(IntStream.rangeClosed(1, 300).boxed().toList());

            List<DataplaneRequest> refused = List.of(new DataplaneRequest.DeleteVrf(1),
                    new DataplaneRequest.AddRoute(2, 4, 0x0a00000000000000L, 0, 8, 77), new DataplaneRequest.DeleteVrf(3));
            assertThatThrownBy(() -> client.callAll(refused, 128, TIMEOUT)).isInstanceOf(DataplaneException.class)
                    .hasMessageStartingWith("AddRoute refused: route.nexthop '77'");
            assertThat(vrfs(client)).doesNotContain(1, 3).contains(2, 4, 300).hasSize(298);
        }
    }

    @Test
    void aRefusedRequestDoesNotHoldUpTheWindowsAfterIt() throws Exception {
        try (DataplaneJar dp = DataplaneJar.start("window-host", "127.0.0.66");
             DataplaneClient client = DataplaneClient.connect(dp.socket)) {
            List<DataplaneRequest> requests = new ArrayList<>();
            requests.add(new DataplaneRequest.AddVrf(1));
            requests.add(new DataplaneRequest.AddRoute(1, 4, 0x0a00000000000000L, 0, 8, 77));
            IntStream.rangeClosed(2, 300).forEach(v -> requests.add(new DataplaneRequest.AddVrf(v)));

            assertThatThrownBy(() -> client.callAll(requests, 128, TIMEOUT)).isInstanceOf(DataplaneException.class)
                    .hasMessageStartingWith("AddRoute refused: route.nexthop '77'");

            assertThat(vrfs(client)).containsExactlyElementsOf(IntStream.rangeClosed(1, 300).boxed().toList());
        }
    }

    @Test
    void applyAllReturnsEveryRefusedRequestInOrderAndAppliesTheRest() throws Exception {
        try (DataplaneJar dp = DataplaneJar.start("window-host", "127.0.0.66");
             DataplaneClient client = DataplaneClient.connect(dp.socket)) {
            DataplaneRequest badRoute = new DataplaneRequest.AddRoute(1, 4, 0x0a00000000000000L, 0, 8, 77);
            DataplaneRequest badLabel = new DataplaneRequest.AddLabel(20, 78);
            List<DataplaneRequest> requests = new ArrayList<>();
            requests.add(new DataplaneRequest.AddVrf(1));
            requests.add(badRoute);
            IntStream.rangeClosed(2, 200).forEach(v -> requests.add(new DataplaneRequest.AddVrf(v)));
            requests.add(badLabel);

            List<DataplaneClient.Refusal> refusals = client.applyAll(requests, 128, TIMEOUT);

            assertThat(refusals).extracting(DataplaneClient.Refusal::request).containsExactly(badRoute, badLabel);
            assertThat(refusals.getFirst().error()).hasMessageStartingWith("AddRoute refused: route.nexthop '77'");
            assertThat(vrfs(client)).containsExactlyElementsOf(IntStream.rangeClosed(1, 200).boxed().toList());
        }
    }
}
