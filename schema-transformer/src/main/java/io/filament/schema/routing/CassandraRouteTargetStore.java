package io.filament.schema.routing;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route-target claims in Cassandra. A claim is two rows: {@code route_target_number (number_space, number) →
 * routing_instance}, written with a lightweight transaction so that no number is given twice, and
 * {@code route_target_by_instance (routing_instance, number_space) → number}, also conditional, so that an
 * instance keeps one number per space even if two writers race. Claims are cached; the cache is loaded (and
 * half-written claims repaired) at construction. Only the active transformer writes.
 */
public final class CassandraRouteTargetStore implements RouteTargetStore {

    private static final Logger log = LoggerFactory.getLogger(CassandraRouteTargetStore.class);

    private final CqlSession session;
    private final InMemoryRouteTargetStore cache = new InMemoryRouteTargetStore();
    private final PreparedStatement claimNumber;
    private final PreparedStatement claimInstance;
    private final PreparedStatement instanceClaims;
    private final PreparedStatement releaseNumber;
    private final PreparedStatement releaseInstance;

    public CassandraRouteTargetStore(CqlSession session, String keyspace) {
        this.session = session;
        claimNumber = session.prepare("INSERT INTO " + keyspace + ".route_target_number"
                + " (number_space, number, routing_instance) VALUES (?, ?, ?) IF NOT EXISTS");
        claimInstance = session.prepare("INSERT INTO " + keyspace + ".route_target_by_instance"
                + " (routing_instance, number_space, number) VALUES (?, ?, ?) IF NOT EXISTS");
        instanceClaims = session.prepare("SELECT number_space, number FROM " + keyspace
                + ".route_target_by_instance WHERE routing_instance = ?");
        releaseNumber = session.prepare("DELETE FROM " + keyspace + ".route_target_number"
                + " WHERE number_space = ? AND number = ? IF routing_instance = ?");
        releaseInstance = session.prepare("DELETE FROM " + keyspace + ".route_target_by_instance"
                + " WHERE routing_instance = ?");
        load(keyspace);
    }

    /** Creates the keyspace (if absent) and the claim tables. */
    public static void createSchema(CqlSession session, String keyspace, int replicationFactor) {
        session.execute("CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = "
                + "{'class': 'SimpleStrategy', 'replication_factor': " + replicationFactor + "}");
        session.execute("CREATE TABLE IF NOT EXISTS " + keyspace + ".route_target_number"
                + " (number_space text, number int, routing_instance text, PRIMARY KEY (number_space, number))");
        session.execute("CREATE TABLE IF NOT EXISTS " + keyspace + ".route_target_by_instance"
                + " (routing_instance text, number_space text, number int,"
                + " PRIMARY KEY (routing_instance, number_space))");
    }

    private void load(String keyspace) {
        Map<String, Map<NumberSpace, Integer>> byInstance = new HashMap<>();
        for (Row row : session.execute("SELECT routing_instance, number_space, number FROM " + keyspace
                + ".route_target_by_instance")) {
            byInstance.computeIfAbsent(row.getString("routing_instance"), ri -> new HashMap<>())
                    .put(NumberSpace.valueOf(row.getString("number_space")), row.getInt("number"));
        }
        for (Row row : session.execute("SELECT number_space, number, routing_instance FROM " + keyspace
                + ".route_target_number")) {
            NumberSpace space = NumberSpace.valueOf(row.getString("number_space"));
            int number = row.getInt("number");
            String instance = row.getString("routing_instance");
            Integer held = byInstance.getOrDefault(instance, Map.of()).get(space);
            if (held == null) {
                completeClaim(instance, space, number);
            } else if (held == number) {
                cache.record(instance, space, number);
            } else {
                log.info("Dropping orphaned route-target claim {}:{} of {} (instance holds {})",
                        space, number, instance, held);
                session.execute(releaseNumber.bind(space.name(), number, instance));
            }
        }
        log.info("Loaded {} route-target claims", cache.claims().size());
    }

    @Override
    public int numberFor(String routingInstance, NumberSpace space) {
        java.util.OptionalInt held = cache.held(routingInstance, space);
        if (held.isPresent()) {
            return held.getAsInt();
        }
        int attempts = space.last() - space.first() + 1;
        for (int attempt = 0; attempt < attempts; attempt++) {
            int candidate = cache.lowestFree(space, routingInstance);
            Row result = session.execute(claimNumber.bind(space.name(), candidate, routingInstance)).one();
            boolean won = result.getBoolean("[applied]")
                    || routingInstance.equals(result.getString("routing_instance"));
            if (won) {
                return completeClaim(routingInstance, space, candidate);
            }
            cache.markTaken(space, candidate);
        }
        throw new RouteTargetSpaceExhausted(space, routingInstance);
    }

    /** Writes the instance row for a number already claimed; if the instance won a number elsewhere, keeps that. */
    private int completeClaim(String routingInstance, NumberSpace space, int number) {
        Row result = session.execute(claimInstance.bind(routingInstance, space.name(), number)).one();
        if (result.getBoolean("[applied]") || result.getInt("number") == number) {
            cache.record(routingInstance, space, number);
            return number;
        }
        int kept = result.getInt("number");
        session.execute(releaseNumber.bind(space.name(), number, routingInstance));
        cache.record(routingInstance, space, kept);
        return kept;
    }

    /**
     * Claims numbers for many instances with up to {@value #IN_FLIGHT} conditional writes in flight, in rounds: each
     * round gives every instance still without a number a distinct candidate; an instance whose candidate was taken
     * by someone else tries again with the next free one. Used when activation finds many unclaimed networks.
     */
    @Override
    public void claimAll(java.util.Collection<String> instances, NumberSpace space) {
        List<String> missing = instances.stream().distinct().filter(ri -> cache.held(ri, space).isEmpty()).toList();
        int claimed = missing.size();
        for (int round = 0; !missing.isEmpty(); round++) {
            if (round > space.last() - space.first()) {
                throw new RouteTargetSpaceExhausted(space, missing.getFirst());
            }
            Map<String, Integer> candidates = new LinkedHashMap<>();
            for (String instance : missing) {
                int candidate = cache.lowestFree(space, instance);
                cache.markTaken(space, candidate);
                candidates.put(instance, candidate);
            }
            Map<String, Boolean> won = inFlight(candidates, (instance, number) ->
                    session.executeAsync(claimNumber.bind(space.name(), number, instance)).thenApply(rs -> {
                        Row row = rs.one();
                        return row.getBoolean("[applied]") || instance.equals(row.getString("routing_instance"));
                    }));
            Map<String, Integer> toComplete = new LinkedHashMap<>();
            List<String> retry = new ArrayList<>();
            candidates.forEach((instance, number) -> {
                if (won.get(instance)) {
                    toComplete.put(instance, number);
                } else {
                    retry.add(instance);
                }
            });
            Map<String, Boolean> completed = inFlight(toComplete, (instance, number) ->
                    session.executeAsync(claimInstance.bind(instance, space.name(), number)).thenApply(rs -> {
                        Row row = rs.one();
                        return row.getBoolean("[applied]") || row.getInt("number") == number;
                    }));
            toComplete.forEach((instance, number) -> {
                if (completed.get(instance)) {
                    cache.record(instance, space, number);
                } else {
                    completeClaim(instance, space, number);
                }
            });
            missing = retry;
        }
        if (claimed > 0) {
            log.info("Claimed route targets for {} routing instances in {}", claimed, space);
        }
    }

    private static final int IN_FLIGHT = 64;

    private static Map<String, Boolean> inFlight(Map<String, Integer> work,
            java.util.function.BiFunction<String, Integer, java.util.concurrent.CompletionStage<Boolean>> call) {
        Map<String, java.util.concurrent.CompletableFuture<Boolean>> futures = new LinkedHashMap<>();
        var permits = new java.util.concurrent.Semaphore(IN_FLIGHT);
        work.forEach((instance, number) -> {
            permits.acquireUninterruptibly();
            futures.put(instance, call.apply(instance, number).toCompletableFuture()
                    .whenComplete((result, failure) -> permits.release()));
        });
        Map<String, Boolean> results = new LinkedHashMap<>();
        futures.forEach((instance, future) -> results.put(instance, future.join()));
        return results;
    }

    @Override
    public void release(String routingInstance) {
        ResultSet claims = session.execute(instanceClaims.bind(routingInstance));
        for (Row row : claims) {
            session.execute(releaseNumber.bind(row.getString("number_space"), row.getInt("number"), routingInstance));
        }
        session.execute(releaseInstance.bind(routingInstance));
        cache.release(routingInstance);
        log.info("Released route targets of routing instance {}", routingInstance);
    }

    @Override
    public Map<String, Map<NumberSpace, Integer>> claims() {
        return cache.claims();
    }
}
