package io.filament.schema.lease;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;

/**
 * A lease row written with lightweight transactions and a TTL: {@code INSERT … IF NOT EXISTS USING TTL} takes it,
 * {@code UPDATE … USING TTL … IF owner = ?} renews it, and an owner that stops renewing loses it when the TTL runs
 * out, so a standby can take over.
 */
public final class CassandraLeaseStore implements LeaseStore {

    private final CqlSession session;
    private final String name;
    private final PreparedStatement acquire;
    private final PreparedStatement renew;
    private final PreparedStatement release;

    public CassandraLeaseStore(CqlSession session, String keyspace, String name) {
        this.session = session;
        this.name = name;
        acquire = session.prepare("INSERT INTO " + keyspace + ".leader_lease (name, owner) VALUES (?, ?)"
                + " IF NOT EXISTS USING TTL ?");
        renew = session.prepare("UPDATE " + keyspace + ".leader_lease USING TTL ? SET owner = ? WHERE name = ?"
                + " IF owner = ?");
        release = session.prepare("DELETE FROM " + keyspace + ".leader_lease WHERE name = ? IF owner = ?");
    }

    public static void createSchema(CqlSession session, String keyspace) {
        session.execute("CREATE TABLE IF NOT EXISTS " + keyspace + ".leader_lease (name text PRIMARY KEY, owner text)");
    }

    @Override
    public boolean tryAcquire(String owner, Duration ttl) {
        Row result = session.execute(acquire.bind(name, owner, seconds(ttl))).one();
        return result.getBoolean("[applied]") || (owner.equals(result.getString("owner")) && renew(owner, ttl));
    }

    @Override
    public boolean renew(String owner, Duration ttl) {
        return session.execute(renew.bind(seconds(ttl), owner, name, owner)).wasApplied();
    }

    @Override
    public void release(String owner) {
        session.execute(release.bind(name, owner));
    }

    private static int seconds(Duration ttl) {
        return Math.toIntExact(Math.max(1, ttl.toSeconds()));
    }
}
