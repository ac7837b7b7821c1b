package io.filament.analytics.store;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

import io.filament.analytics.AnalyticsProperties;
import io.filament.analytics.flow.FlowIndex;

/**
 * Creates the keyspace and the tables, one per query (see {@code PIPELINE.md}), brings TTL and compaction options
 * of existing tables in line with the configuration, and drops the tables of earlier layouts.
 */
public final class CassandraSchema {

    private static final Logger log = LoggerFactory.getLogger(CassandraSchema.class);
    /** A chunk of flow records in one blob ({@code FlowRecordCodec}), keyed by where they were read in the topic. */
    private static final String FLOW_COLUMNS = "index_value text, bucket bigint, topic_partition int,"
            + " first_offset bigint, records blob";

    /**
     * The flow tables of the earlier layout, a row per record, replaced by the chunked {@code flow_chunks_by_*}
     * tables: nothing reads them any more, so they are dropped rather than left on disk until their TTL.
     */
    static final List<String> REPLACED_TABLES = List.of("flow_by_sourcevn", "flow_by_destvn",
            "flow_by_vrouter");

    private CassandraSchema() {
    }

    public static void create(CqlSession session, AnalyticsProperties properties) {
        String ks = properties.keyspace();
        execute(session, "CREATE KEYSPACE IF NOT EXISTS " + ks + " WITH replication = {'class': 'SimpleStrategy',"
                + " 'replication_factor': " + properties.replicationFactor() + "}");
        for (String replaced : REPLACED_TABLES) {
            execute(session, "DROP TABLE IF EXISTS " + ks + "." + replaced);
        }
        TimeSeriesTable flows = new TimeSeriesTable(properties.ttl().flows());
        for (FlowIndex index : FlowIndex.values()) {
            table(session, ks + "." + index.table(), "(" + FLOW_COLUMNS
                    + ", PRIMARY KEY ((index_value, bucket), topic_partition, first_offset))", flows,
                    "topic_partition ASC, first_offset ASC");
        }
        table(session, ks + ".stat_samples", "(stat_table text, bucket bigint, t bigint, name text, source text,"
                + " value double, PRIMARY KEY ((stat_table, bucket), t, name, source))",
                new TimeSeriesTable(properties.ttl().statistics()), "t ASC, name ASC, source ASC");
        table(session, ks + ".object_history", "(object_table text, object_key text, bucket bigint, t bigint,"
                + " source text, deleted boolean, body text, PRIMARY KEY ((object_table, object_key, bucket), t, source))",
                new TimeSeriesTable(properties.ttl().objectHistory()), "t ASC, source ASC");
    }

    private static void table(CqlSession session, String name, String definition, TimeSeriesTable options,
                              String clustering) {
        execute(session, "CREATE TABLE IF NOT EXISTS " + name + " " + definition + options.options(clustering));
        // An existing table keeps its old options; align them with the configured TTL.
        String alter = options.options(clustering).replace(" WITH CLUSTERING ORDER BY (" + clustering + ") AND", " WITH");
        execute(session, "ALTER TABLE " + name + alter);
    }

    private static void execute(CqlSession session, String cql) {
        log.debug("schema: {}", cql);
        session.execute(SimpleStatement.newInstance(cql).setTimeout(Duration.ofSeconds(60)));
    }
}
