package io.filament.control.rib;

import io.filament.contracts.xmpp.RouteEntry;
import io.filament.contracts.xmpp.RoutePrefix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class RibServiceGracefulRestartTest {

    static final RoutingInstanceSpec RED = Routes.instance("d:p:red", Set.of("target:64512:8000001"),
            Set.of("target:64512:8000001"));

    /** What one subscriber was handed, in order: "+prefix" for an advertisement, "-prefix" for a retract. */
    static final class Recorder implements RibOutSink {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public void advertise(String instance, RoutePrefix prefix, Optional<RouteEntry> entry) {
            seen.add((entry.isPresent() ? "+" : "-") + prefix);
        }

        @Override
        public void endOfRib() {
        }
    }

    RibService service;

    @AfterEach
    void close() {
        service.close();
    }

    RibService started(Duration grace, Recorder watcher) {
        service = new RibService(Duration.ofSeconds(30), grace);
        service.applySpec(RED).join();
        service.subscribe(new Subscription("host2", RED.name(), 1, false), watcher).join();
        service.subscribe(new Subscription("host1", RED.name(), 1, false), new Recorder()).join();
        service.addPath(Routes.path("host1", RED.name(), 1, "10.1.1.3/32", "192.168.0.1", 100)).join();
        service.addPath(Routes.path("host1", RED.name(), 1, "10.1.1.4/32", "192.168.0.1", 100)).join();
        return service;
    }

    @Test
    void aLostPeerIsNotWithdrawnDuringTheGraceTimeAndItsEndOfRibSweepsWhatItDidNotRepublish() {
        Recorder watcher = new Recorder();
        RibService rib = started(Duration.ofSeconds(30), watcher);
        watcher.seen.clear();

        rib.peerLost("host1").join();
        assertThat(rib.stalePaths("host1")).isEqualTo(2);
        rib.peerReturned("host1").join();
        rib.subscribe(new Subscription("host1", RED.name(), 1, false), new Recorder()).join();
        rib.addPath(Routes.path("host1", RED.name(), 1, "10.1.1.3/32", "192.168.0.1", 100)).join();
        assertThat(watcher.seen).isEmpty();
        rib.endOfRib("host1").join();

        assertThat(watcher.seen).containsExactly("-10.1.1.4/32");
        assertThat(rib.stalePaths("host1")).isZero();
    }

    @Test
    void thePathsOfAPeerThatNeverReturnsAreWithdrawnWhenTheGraceTimeEnds() {
        Recorder watcher = new Recorder();
        RibService rib = started(Duration.ofMillis(300), watcher);
        watcher.seen.clear();

        rib.peerLost("host1").join();

        assertThat(watcher.seen).isEmpty();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> watcher.seen.size() == 2);
        assertThat(watcher.seen).containsExactlyInAnyOrder("-10.1.1.3/32", "-10.1.1.4/32");
        assertThat(rib.stalePaths("host1")).isZero();
    }

    @Test
    void aGraceTimeOfZeroWithdrawsAtOnce() {
        Recorder watcher = new Recorder();
        RibService rib = started(Duration.ZERO, watcher);
        watcher.seen.clear();

        rib.peerLost("host1").join();

        assertThat(watcher.seen).containsExactlyInAnyOrder("-10.1.1.3/32", "-10.1.1.4/32");
    }

    @Test
    void refusesANegativeGraceTime() {
        service = new RibService(Duration.ofSeconds(1));
        assertThatThrownBy(() -> new RibService(Duration.ofSeconds(1), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("graceful-restart-time")
                .hasMessageContaining("PT-1S");
    }
}
