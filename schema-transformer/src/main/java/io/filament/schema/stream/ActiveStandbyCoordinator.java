package io.filament.schema.stream;

import io.filament.schema.lease.LeaderElection;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Follows the config topic only while this instance holds the lease. Granting activates the engine (rebuild and
 * catch-up publish) and then starts the follower from the position the activation reached; revoking stops the
 * follower and drops the engine's state. Both run on one activation thread so they never overlap.
 */
public final class ActiveStandbyCoordinator implements SmartLifecycle, LeaderElection.Listener {

    private static final Logger log = LoggerFactory.getLogger(ActiveStandbyCoordinator.class);

    private final ProjectionEngine engine;
    private final ConfigFollower follower;
    private static final long RETRY_SECONDS = 2;

    private final ScheduledExecutorService activation =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("activation").daemon().factory());
    private final LeaderElection election;
    private volatile boolean running;

    ActiveStandbyCoordinator(ProjectionEngine engine, ConfigFollower follower, LeaderElection election) {
        this.engine = engine;
        this.follower = follower;
        this.election = election;
        engine.onFailure(() -> activation.submit(this::rebuild));
    }

    public boolean isLeader() {
        return election.isLeader();
    }

    public String owner() {
        return election.owner();
    }

    @Override
    public void granted() {
        activation.submit(this::activate);
    }

    @Override
    public void revoked() {
        activation.submit(this::deactivate);
    }

    private void activate() {
        if (!running || !isLeader()) {
            return;
        }
        try {
            follower.start(engine.activate());
            log.info("{} is the active schema transformer", election.owner());
        } catch (RuntimeException failure) {
            log.warn("Activation failed, retrying in {} s: {}", RETRY_SECONDS, failure.toString());
            engine.deactivate();
            if (running && isLeader()) {
                activation.schedule(this::activate, RETRY_SECONDS, TimeUnit.SECONDS);
            }
        }
    }

    private void deactivate() {
        follower.stop();
        engine.deactivate();
        log.info("{} is standby", election.owner());
    }

    private void rebuild() {
        follower.stop();
        if (running && isLeader()) {
            activate();
        }
    }

    @Override
    public void start() {
        running = true;
        election.start(this);
    }

    @Override
    public void stop() {
        running = false;
        election.close();
        activation.shutdown();
        try {
            activation.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        follower.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Starts last and stops first: the producer and the Cassandra session outlive it.
        return Integer.MAX_VALUE - 1000;
    }
}
