package io.filament.analytics;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.datastax.oss.driver.api.core.CqlSession;

import io.filament.analytics.flow.FlowStore;
import io.filament.analytics.history.ObjectHistoryStore;
import io.filament.analytics.query.QueryExecutor;
import io.filament.analytics.query.QueryParser;
import io.filament.analytics.query.QueryTimeout;
import io.filament.analytics.stats.StatStore;
import io.filament.analytics.store.BoundedWriter;
import io.filament.analytics.store.CassandraSchema;

/** Cassandra schema, stores and the query engine. */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    /** Marker that the schema exists; stores depend on it. */
    record SchemaReady(String keyspace) {
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SchemaReady schemaReady(CqlSession session, AnalyticsProperties properties) {
        CassandraSchema.create(session, properties);
        return new SchemaReady(properties.keyspace());
    }

    @Bean
    FlowStore flowStore(CqlSession session, SchemaReady schema, AnalyticsProperties properties) {
        return new FlowStore(session, schema.keyspace(), Math.toIntExact(properties.ttl().flows().toSeconds()));
    }

    @Bean
    StatStore statStore(CqlSession session, SchemaReady schema, AnalyticsProperties properties) {
        return new StatStore(session, schema.keyspace(), Math.toIntExact(properties.ttl().statistics().toSeconds()));
    }

    @Bean
    ObjectHistoryStore objectHistoryStore(CqlSession session, SchemaReady schema, AnalyticsProperties properties) {
        return new ObjectHistoryStore(session, schema.keyspace(),
                Math.toIntExact(properties.ttl().objectHistory().toSeconds()));
    }

    @Bean
    BoundedWriter boundedWriter(CqlSession session, AnalyticsProperties properties) {
        return new BoundedWriter(session, properties.ingest().maxInFlight());
    }

    @Bean
    QueryParser queryParser(Clock clock) {
        return new QueryParser(clock);
    }

    @Bean
    QueryExecutor queryExecutor(FlowStore flows, StatStore stats, ObjectHistoryStore history,
                                AnalyticsProperties properties) {
        return new QueryExecutor(flows, stats, history, properties.query().maxRows());
    }

    @Bean
    QueryTimeout queryTimeout(AnalyticsProperties properties) {
        return new QueryTimeout(properties.query().timeout());
    }
}
