package io.filament.configapi.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.type.ListType;
import io.filament.contracts.config.ConfigOperation;
import io.filament.contracts.config.ConfigType;
import io.filament.testsupport.LocalInfrastructure;
import io.filament.testsupport.LocalInfrastructureTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The read tables keep one name per object however often a version is written (the writer's projection and the
 * relay's re-projection of the same version can race), an update changes exactly the back-references that changed,
 * and a keyspace whose read tables held names as plain lists
 * is rebuilt from its event log with the names of the objects themselves.
 */
@LocalInfrastructureTest
class ReadTablesIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> HOST2 = List.of("default-global-system-config", "host2");
    private static final String GSC = UUID.randomUUID().toString();
    private static final String VM = UUID.randomUUID().toString();

    private final LocalInfrastructure infra;
    private final CqlSession cql;

    ReadTablesIT(LocalInfrastructure infra) {
        this.infra = infra;
        this.cql = infra.cqlSession();
    }

    @AfterEach
    void close() {
        cql.close();
    }

    @Test
    void aVersionWrittenTwiceAtOneTimestampKeepsOneNameInEveryReadTable() {
        String ks = infra.uniqueKeyspace("config_read_tables");
        CassandraSchema.create(cql, ks, 1);
        Projection projection = new Projection(cql, ks);
        String router = UUID.randomUUID().toString();
        ObjectNode object = virtualRouter(router);

        projection.apply(ConfigType.VIRTUAL_ROUTER, router, 7, ConfigOperation.UPDATED, HOST2, object, Optional.empty());
        projection.apply(ConfigType.VIRTUAL_ROUTER, router, 7, ConfigOperation.UPDATED, HOST2, object, Optional.empty());

        assertThat(names(ks, "objects_by_uuid WHERE uuid = '" + router + "'")).containsExactly(HOST2);
        assertThat(names(ks, "objects_by_type WHERE type = 'virtual-router' AND uuid = '" + router + "'"))
                .containsExactly(HOST2);
        assertThat(names(ks, "children WHERE parent_uuid = '" + GSC + "'")).containsExactly(HOST2);
        assertThat(names(ks, "back_refs WHERE to_uuid = '" + VM + "'")).containsExactly(HOST2);
    }

    @Test
    void anUpdateWritesTheBackReferencesThatChangedAndRemovesTheOnesThatWent() {
        String ks = infra.uniqueKeyspace("config_ref_changes");
        CassandraSchema.create(cql, ks, 1);
        Projection projection = new Projection(cql, ks);
        String router = UUID.randomUUID().toString();
        String kept = UUID.randomUUID().toString();
        String dropped = UUID.randomUUID().toString();
        String added = UUID.randomUUID().toString();
        String untouched = UUID.randomUUID().toString();
        ObjectNode first = withRefs(virtualRouter(router), kept, dropped, untouched);
        ObjectNode second = withRefs(virtualRouter(router), kept, added, untouched);
        ((ObjectNode) second.get("virtual_machine_refs").get(0)).putObject("attr").put("weight", 2);

        projection.apply(ConfigType.VIRTUAL_ROUTER, router, 1, ConfigOperation.CREATED, HOST2, first, Optional.empty());
        projection.apply(ConfigType.VIRTUAL_ROUTER, router, 2, ConfigOperation.UPDATED, HOST2, second,
                Optional.of(first));

        assertThat(attrs(ks, kept)).containsExactly("{\"weight\":2}");
        assertThat(attrs(ks, added)).containsExactly((String) null);
        assertThat(attrs(ks, dropped)).isEmpty();
        assertThat(cql.execute("SELECT writetime(fq_name) AS written FROM " + ks + ".back_refs WHERE to_uuid = '"
                + untouched + "'").one().getLong("written")).as("the unchanged reference's row is not written again")
                .isEqualTo(1);
        assertThat(cql.execute("SELECT version FROM " + ks + ".objects_by_uuid WHERE uuid = '" + router + "'").one()
                .getLong("version")).isEqualTo(2);
        assertThat(names(ks, "children WHERE parent_uuid = '" + GSC + "'")).containsExactly(HOST2);

        projection.apply(ConfigType.VIRTUAL_ROUTER, router, 3, ConfigOperation.DELETED, HOST2, second,
                Optional.of(second));

        assertThat(attrs(ks, kept)).isEmpty();
        assertThat(attrs(ks, added)).isEmpty();
        assertThat(attrs(ks, untouched)).isEmpty();
        assertThat(names(ks, "objects_by_uuid WHERE uuid = '" + router + "'")).isEmpty();
        assertThat(names(ks, "children WHERE parent_uuid = '" + GSC + "'")).isEmpty();
    }

    @Test
    void readTablesWithPlainListNamesAreRebuiltFromTheEventLogWithTheObjectsOwnNames() {
        String ks = infra.uniqueKeyspace("config_rebuild");
        ddl("CREATE KEYSPACE " + ks + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        ddl("CREATE TABLE " + ks + ".object_events (uuid text, version bigint, type text, operation text,"
                + " fq_name list<text>, changed_fields list<text>, object text, correlation_id text,"
                + " event_time timestamp, PRIMARY KEY ((uuid), version))");
        ddl("CREATE TABLE " + ks + ".objects_by_uuid (uuid text PRIMARY KEY, type text, fq_name list<text>,"
                + " parent_uuid text, version bigint, body text)");
        ddl("CREATE TABLE " + ks + ".objects_by_type (type text, uuid text, fq_name list<text>, parent_uuid text,"
                + " version bigint, body text, PRIMARY KEY ((type), uuid))");
        ddl("CREATE TABLE " + ks + ".children (parent_uuid text, child_type text, child_uuid text,"
                + " fq_name list<text>, PRIMARY KEY ((parent_uuid), child_type, child_uuid))");
        ddl("CREATE TABLE " + ks + ".back_refs (to_uuid text, from_type text, from_uuid text, fq_name list<text>,"
                + " attr text, PRIMARY KEY ((to_uuid), from_type, from_uuid))");
        String live = UUID.randomUUID().toString();
        String deleted = UUID.randomUUID().toString();
        List<String> doubled = List.of("default-global-system-config", "host2", "default-global-system-config", "host2");
        event(ks, live, 1, "created", HOST2, withoutRefs(virtualRouter(live)));
        event(ks, live, 2, "updated", doubled, virtualRouter(live));
        event(ks, deleted, 1, "created", List.of("default-global-system-config", "host9"),
                withoutRefs(virtualRouter(deleted)).put("uuid", deleted));
        event(ks, deleted, 2, "deleted", List.of("default-global-system-config", "host9"),
                withoutRefs(virtualRouter(deleted)));
        cql.execute("INSERT INTO " + ks + ".objects_by_type (type, uuid, fq_name, version) VALUES ('virtual-router', '"
                + live + "', ['default-global-system-config', 'host2', 'default-global-system-config', 'host2'], 2)");

        CassandraSchema.create(cql, ks, 1);

        for (String table : ReadTableRebuild.TABLES) {
            assertThat(cql.getMetadata().getKeyspace(ks).orElseThrow().getTable(table).orElseThrow()
                    .getColumn("fq_name").orElseThrow().getType())
                    .as(table + ".fq_name").isInstanceOfSatisfying(ListType.class, t -> assertThat(t.isFrozen()).isTrue());
        }
        List<Row> byType = cql.execute("SELECT uuid, fq_name, version FROM " + ks
                + ".objects_by_type WHERE type = 'virtual-router'").all();
        assertThat(byType).singleElement().satisfies(r -> {
            assertThat(r.getString("uuid")).isEqualTo(live);
            assertThat(r.getList("fq_name", String.class)).isEqualTo(HOST2);
            assertThat(r.getLong("version")).isEqualTo(2);
        });
        assertThat(names(ks, "objects_by_uuid WHERE uuid = '" + live + "'")).containsExactly(HOST2);
        assertThat(names(ks, "objects_by_uuid WHERE uuid = '" + deleted + "'")).isEmpty();
        assertThat(names(ks, "back_refs WHERE to_uuid = '" + VM + "'")).containsExactly(HOST2);
        assertThat(names(ks, "children WHERE parent_uuid = '" + GSC + "'")).containsExactly(HOST2);
    }

    private static ObjectNode virtualRouter(String uuid) {
        ObjectNode o = JSON.createObjectNode().put("uuid", uuid).put("parent_type", "global-system-config")
                .put("parent_uuid", GSC).put("virtual_router_ip_address", "127.0.0.12");
        HOST2.forEach(o.putArray("fq_name")::add);
        ObjectNode ref = o.putArray("virtual_machine_refs").addObject().put("uuid", VM);
        ref.putArray("to").add(VM);
        return o;
    }

    private static ObjectNode withRefs(ObjectNode o, String... machines) {
        var refs = o.putArray("virtual_machine_refs");
        for (String machine : machines) {
            refs.addObject().put("uuid", machine).putArray("to").add(machine);
        }
        return o;
    }

    private List<String> attrs(String ks, String to) {
        return cql.execute("SELECT attr FROM " + ks + ".back_refs WHERE to_uuid = '" + to + "'").all().stream()
                .map(r -> r.getString("attr")).toList();
    }

    private static ObjectNode withoutRefs(ObjectNode o) {
        o.remove("virtual_machine_refs");
        return o;
    }

    private void event(String ks, String uuid, long version, String operation, List<String> fqName, ObjectNode object) {
        cql.execute(SimpleStatement.newInstance("INSERT INTO " + ks + ".object_events (uuid, version, type, operation,"
                        + " fq_name, changed_fields, object, event_time) VALUES (?, ?, 'virtual-router', ?, ?, [], ?, ?)",
                uuid, version, operation, fqName, object.toString(), Instant.now()));
    }

    private List<List<String>> names(String ks, String from) {
        return cql.execute("SELECT fq_name FROM " + ks + "." + from).all().stream()
                .map(r -> r.getList("fq_name", String.class)).toList();
    }

    private void ddl(String cqlText) {
        cql.execute(SimpleStatement.newInstance(cqlText).setTimeout(Duration.ofSeconds(120)));
    }
}
