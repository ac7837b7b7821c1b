package io.filament.schema.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.filament.testsupport.LocalInfrastructure;
import io.filament.testsupport.LocalInfrastructureTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@LocalInfrastructureTest
class CassandraRouteTargetStoreIT {

    private static CqlSession session;
    private static String keyspace;

    @BeforeAll
    static void createKeyspace(LocalInfrastructure infrastructure) {
        session = infrastructure.cqlSession();
        keyspace = infrastructure.uniqueKeyspace("schema_rt");
        CassandraRouteTargetStore.createSchema(session, keyspace, 1);
    }

    @AfterAll
    static void dropKeyspace() {
        session.execute("DROP KEYSPACE IF EXISTS " + keyspace);
        session.close();
    }

    private static String instance(String name) {
        return "default-domain:" + keyspace + ":" + name + ":" + name;
    }

    @Test
    void aNewStoreOnTheSameKeyspaceGivesEveryInstanceItsNumberBack() {
        var first = new CassandraRouteTargetStore(session, keyspace);
        int a = first.numberFor(instance("restart-a"), NumberSpace.TYPE0);
        int b = first.numberFor(instance("restart-b"), NumberSpace.TYPE0);
        int small = first.numberFor(instance("restart-a"), NumberSpace.TYPE1_2);

        var second = new CassandraRouteTargetStore(session, keyspace);

        assertThat(second.numberFor(instance("restart-a"), NumberSpace.TYPE0)).isEqualTo(a);
        assertThat(second.numberFor(instance("restart-b"), NumberSpace.TYPE0)).isEqualTo(b);
        assertThat(second.numberFor(instance("restart-a"), NumberSpace.TYPE1_2)).isEqualTo(small);
        assertThat(a).isGreaterThanOrEqualTo(8_000_000);
        assertThat(small).isBetween(8_000, 32_767);
        assertThat(second.numberFor(instance("restart-c"), NumberSpace.TYPE0)).isNotIn(a, b);
    }

    @Test
    void twoStoresRacingNeverHandOutTheSameNumber() throws Exception {
        var left = new CassandraRouteTargetStore(session, keyspace);
        var right = new CassandraRouteTargetStore(session, keyspace);
        List<Integer> numbers = new ArrayList<>();
        // Each store is one transformer's and has one thread, as in the service; the two race each other.
        try (var leftThread = Executors.newSingleThreadExecutor();
             var rightThread = Executors.newSingleThreadExecutor()) {
            List<Future<Integer>> fromLeft = new ArrayList<>();
            List<Future<Integer>> fromRight = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String name = instance("race-" + i);
                fromLeft.add(leftThread.submit(() -> left.numberFor(name, NumberSpace.TYPE0)));
                fromRight.add(rightThread.submit(() -> right.numberFor(name, NumberSpace.TYPE0)));
            }
            for (int i = 0; i < 20; i++) {
                numbers.add(fromLeft.get(i).get());
                numbers.add(fromRight.get(i).get());
            }
        }

        Set<Integer> distinct = new HashSet<>();
        for (int i = 0; i < numbers.size(); i += 2) {
            assertThat(numbers.get(i)).as("both stores agree on race-%d", i / 2).isEqualTo(numbers.get(i + 1));
            distinct.add(numbers.get(i));
        }
        assertThat(distinct).hasSize(20);
        var reloaded = new CassandraRouteTargetStore(session, keyspace);
        for (int i = 0; i < 20; i++) {
            assertThat(reloaded.numberFor(instance("race-" + i), NumberSpace.TYPE0)).isEqualTo(numbers.get(2 * i));
        }
    }

    @Test
    void aReleasedNumberIsFreeForTheNextInstance() {
        var store = new CassandraRouteTargetStore(session, keyspace);
        int released = store.numberFor(instance("release-a"), NumberSpace.TYPE1_2);

        store.release(instance("release-a"));

        var reloaded = new CassandraRouteTargetStore(session, keyspace);
        assertThat(reloaded.claims()).doesNotContainKey(instance("release-a"));
        assertThat(reloaded.numberFor(instance("release-b"), NumberSpace.TYPE1_2)).isEqualTo(released);
    }

    @Test
    void bulkClaimsFromTwoStoresGiveEachInstanceOneDistinctNumber() throws Exception {
        var left = new CassandraRouteTargetStore(session, keyspace);
        var right = new CassandraRouteTargetStore(session, keyspace);
        List<String> instances = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            instances.add(instance("bulk-" + i));
        }

        try (var pool = Executors.newFixedThreadPool(2)) {
            var one = pool.submit(() -> left.claimAll(instances, NumberSpace.TYPE0));
            var two = pool.submit(() -> right.claimAll(instances.reversed(), NumberSpace.TYPE0));
            one.get();
            two.get();
        }

        var reloaded = new CassandraRouteTargetStore(session, keyspace);
        Set<Integer> numbers = new HashSet<>();
        for (String instance : instances) {
            int number = reloaded.numberFor(instance, NumberSpace.TYPE0);
            assertThat(left.numberFor(instance, NumberSpace.TYPE0)).as(instance).isEqualTo(number);
            assertThat(right.numberFor(instance, NumberSpace.TYPE0)).as(instance).isEqualTo(number);
            numbers.add(number);
        }
        assertThat(numbers).hasSize(instances.size());
    }
}
