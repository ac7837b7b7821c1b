package io.filament.schema.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import io.filament.testsupport.LocalInfrastructure;
import io.filament.testsupport.LocalInfrastructureTest;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@LocalInfrastructureTest
class CassandraLeaseStoreIT {

    private static final Duration TTL = Duration.ofSeconds(2);

    private static CqlSession session;
    private static String keyspace;

    @BeforeAll
    static void createKeyspace(LocalInfrastructure infrastructure) {
        session = infrastructure.cqlSession();
        keyspace = infrastructure.uniqueKeyspace("schema_lease");
        session.execute("CREATE KEYSPACE " + keyspace
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        CassandraLeaseStore.createSchema(session, keyspace);
    }

    @AfterAll
    static void dropKeyspace() {
        session.execute("DROP KEYSPACE IF EXISTS " + keyspace);
        session.close();
    }

    @Test
    void onlyOneOwnerHoldsTheLeaseUntilItStopsRenewing() {
        var lease = new CassandraLeaseStore(session, keyspace, "exclusive");

        assertThat(lease.tryAcquire("a", TTL)).isTrue();
        assertThat(lease.tryAcquire("b", TTL)).isFalse();
        assertThat(lease.renew("a", TTL)).isTrue();
        assertThat(lease.renew("b", TTL)).isFalse();

        await().atMost(Duration.ofSeconds(10)).until(() -> lease.tryAcquire("b", TTL));
        assertThat(lease.renew("a", TTL)).isFalse();
    }

    @Test
    void aReleasedLeaseCanBeTakenAtOnce() {
        var lease = new CassandraLeaseStore(session, keyspace, "released");
        assertThat(lease.tryAcquire("a", Duration.ofSeconds(30))).isTrue();

        lease.release("a");

        assertThat(lease.tryAcquire("b", Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void electionGrantsOneOfTwoContendersAndHandsOverWhenTheLeaderCloses() {
        var grants = new AtomicInteger();
        var revocations = new AtomicInteger();
        LeaderElection.Listener counting = new LeaderElection.Listener() {
            @Override
            public void granted() {
                grants.incrementAndGet();
            }

            @Override
            public void revoked() {
                revocations.incrementAndGet();
            }
        };
        var store = new CassandraLeaseStore(session, keyspace, "election");
        try (var first = new LeaderElection(store, "first", TTL, Duration.ofMillis(500), Clock.systemUTC());
             var second = new LeaderElection(store, "second", TTL, Duration.ofMillis(500), Clock.systemUTC())) {
            first.start(counting);
            second.start(counting);
            await().atMost(Duration.ofSeconds(10)).until(() -> first.isLeader() || second.isLeader());
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> first.isLeader() ^ second.isLeader());
            LeaderElection leader = first.isLeader() ? first : second;
            LeaderElection other = leader == first ? second : first;

            leader.close();

            await().atMost(Duration.ofSeconds(5)).until(other::isLeader);
            assertThat(grants.get()).isEqualTo(2);
            assertThat(revocations.get()).isEqualTo(1);
        }
    }
}
