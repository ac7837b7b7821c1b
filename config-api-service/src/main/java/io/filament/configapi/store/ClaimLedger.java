package io.filament.configapi.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.filament.configapi.command.Claim;
import io.filament.configapi.command.IdPool;
import io.filament.configapi.ipam.IpAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Unique names, addresses and ids, each claimed with a lightweight transaction on its own partition (so unrelated
 * claims never contend) plus a plain listing row per subnet or pool from which the books are loaded.
 */
final class ClaimLedger {

    private final CqlSession session;
    private final PreparedStatement claimFqName;
    private final PreparedStatement indexFqName;
    private final PreparedStatement releaseFqName;
    private final PreparedStatement findFqName;
    private final PreparedStatement claimAddress;
    private final PreparedStatement releaseAddress;
    private final PreparedStatement listAddress;
    private final PreparedStatement unlistAddress;
    private final PreparedStatement subnetAddresses;
    private final PreparedStatement anySubnetAddress;
    private final PreparedStatement claimId;
    private final PreparedStatement releaseId;
    private final PreparedStatement listId;
    private final PreparedStatement unlistId;
    private final PreparedStatement poolIds;
    private final PreparedStatement fqNameClaimedAt;
    private final PreparedStatement addressClaimedAt;
    private final PreparedStatement idClaimedAt;

    ClaimLedger(CqlSession session, String ks) {
        this.session = session;
        claimFqName = session.prepare("INSERT INTO " + ks + ".fq_names (type, fq_name, uuid) VALUES (?, ?, ?)"
                + " IF NOT EXISTS");
        indexFqName = session.prepare("INSERT INTO " + ks + ".fq_names (type, fq_name, uuid) VALUES (?, ?, ?)");
        releaseFqName = session.prepare("DELETE FROM " + ks + ".fq_names WHERE type = ? AND fq_name = ? IF uuid = ?");
        findFqName = session.prepare("SELECT uuid FROM " + ks + ".fq_names WHERE type = ? AND fq_name = ?");
        claimAddress = session.prepare("INSERT INTO " + ks + ".address_claims (subnet_uuid, address, owner)"
                + " VALUES (?, ?, ?) IF NOT EXISTS");
        releaseAddress = session.prepare("DELETE FROM " + ks + ".address_claims WHERE subnet_uuid = ? AND address = ?"
                + " IF owner = ?");
        listAddress = session.prepare("INSERT INTO " + ks + ".subnet_addresses (subnet_uuid, address, owner)"
                + " VALUES (?, ?, ?)");
        unlistAddress = session.prepare("DELETE FROM " + ks + ".subnet_addresses WHERE subnet_uuid = ?"
                + " AND address = ?");
        subnetAddresses = session.prepare("SELECT address FROM " + ks + ".subnet_addresses WHERE subnet_uuid = ?");
        anySubnetAddress = session.prepare("SELECT address FROM " + ks + ".subnet_addresses WHERE subnet_uuid = ?"
                + " LIMIT 1");
        claimId = session.prepare("INSERT INTO " + ks + ".id_claims (pool, id, owner) VALUES (?, ?, ?) IF NOT EXISTS");
        releaseId = session.prepare("DELETE FROM " + ks + ".id_claims WHERE pool = ? AND id = ? IF owner = ?");
        listId = session.prepare("INSERT INTO " + ks + ".pool_ids (pool, id, owner) VALUES (?, ?, ?)");
        unlistId = session.prepare("DELETE FROM " + ks + ".pool_ids WHERE pool = ? AND id = ?");
        poolIds = session.prepare("SELECT id FROM " + ks + ".pool_ids WHERE pool = ?");
        fqNameClaimedAt = session.prepare("SELECT uuid, WRITETIME(uuid) FROM " + ks + ".fq_names WHERE type = ?"
                + " AND fq_name = ?");
        addressClaimedAt = session.prepare("SELECT owner, WRITETIME(owner) FROM " + ks + ".address_claims"
                + " WHERE subnet_uuid = ? AND address = ?");
        idClaimedAt = session.prepare("SELECT owner, WRITETIME(owner) FROM " + ks + ".id_claims WHERE pool = ?"
                + " AND id = ?");
    }

    /**
     * An object named by its own uuid (an instance-ip's fq_name is {@code [uuid]}) cannot collide with another
     * name: the lightweight transaction on its first event already makes the uuid unique, so its name is indexed
     * with a plain write and never rolled back.
     */
    static boolean selfNamed(Claim claim) {
        return claim instanceof Claim.FqName f && f.fqName().equals(f.owner());
    }

    /** Claims; returns the current holder when somebody else holds it. */
    Optional<String> claim(Claim claim) {
        return claimAsync(claim).join();
    }

    /**
     * {@link #claim} without waiting: the lightweight transaction, then, when it applied, the listing row. The
     * returned stage holds the current holder when somebody else holds the claim.
     */
    CompletableFuture<Optional<String>> claimAsync(Claim claim) {
        if (claim instanceof Claim.FqName f && selfNamed(f)) {
            return session.executeAsync(indexFqName.bind(f.type().dashed(), f.fqName(), f.owner()))
                    .toCompletableFuture().thenApply(rs -> Optional.empty());
        }
        BoundStatement transaction = switch (claim) {
            case Claim.FqName f -> claimFqName.bind(f.type().dashed(), f.fqName(), f.owner());
            case Claim.Address a -> claimAddress.bind(a.subnetUuid(), a.address().toString(), a.owner());
            case Claim.Id i -> claimId.bind(i.pool().name(), i.id(), i.owner());
        };
        String holderColumn = claim instanceof Claim.FqName ? "uuid" : "owner";
        return session.executeAsync(transaction).toCompletableFuture().thenCompose(rs -> {
            Row row = rs.one();
            if (!row.getBoolean("[applied]")) {
                return CompletableFuture.completedFuture(Optional.of(row.getString(holderColumn)));
            }
            Optional<BoundStatement> listing = switch (claim) {
                case Claim.Address a -> Optional.of(listAddress.bind(a.subnetUuid(), a.address().toString(),
                        a.owner()));
                case Claim.Id i -> Optional.of(listId.bind(i.pool().name(), i.id(), i.owner()));
                case Claim.FqName f -> Optional.empty();
            };
            return listing.map(l -> session.executeAsync(l).toCompletableFuture()
                            .thenApply(written -> Optional.<String>empty()))
                    .orElse(CompletableFuture.completedFuture(Optional.empty()));
        });
    }

    /** Gives a claim back, only if {@code owner} still holds it. */
    void release(Claim claim) {
        releaseHeldBy(claim, claim.owner());
    }

    /** Gives back what {@code claim} names, only if {@code holder} still holds it; whether it did. */
    boolean releaseHeldBy(Claim claim, String holder) {
        Row row = switch (claim) {
            case Claim.FqName f -> session.execute(releaseFqName.bind(f.type().dashed(), f.fqName(), holder)).one();
            case Claim.Address a -> {
                Row released = session.execute(releaseAddress.bind(a.subnetUuid(), a.address().toString(), holder))
                        .one();
                if (released.getBoolean("[applied]")) {
                    session.execute(unlistAddress.bind(a.subnetUuid(), a.address().toString()));
                }
                yield released;
            }
            case Claim.Id i -> {
                Row released = session.execute(releaseId.bind(i.pool().name(), i.id(), holder)).one();
                if (released.getBoolean("[applied]")) {
                    session.execute(unlistId.bind(i.pool().name(), i.id()));
                }
                yield released;
            }
        };
        return row.getBoolean("[applied]");
    }

    /** Who holds what {@code claim} names and since when (the claim's write time), if anybody does. */
    Optional<Holding> holding(Claim claim) {
        Row row = switch (claim) {
            case Claim.FqName f -> session.execute(fqNameClaimedAt.bind(f.type().dashed(), f.fqName())).one();
            case Claim.Address a -> session.execute(addressClaimedAt.bind(a.subnetUuid(), a.address().toString()))
                    .one();
            case Claim.Id i -> session.execute(idClaimedAt.bind(i.pool().name(), i.id())).one();
        };
        if (row == null || row.isNull(0)) {
            return Optional.empty();
        }
        long micros = row.getLong(1);
        return Optional.of(new Holding(row.getString(0), Instant.EPOCH.plus(micros, ChronoUnit.MICROS)));
    }

    /** The uuid holding a claim and the time it claimed it. */
    record Holding(String holder, Instant since) {
    }

    Optional<String> uuidOf(String type, String fqName) {
        return Optional.ofNullable(session.execute(findFqName.bind(type, fqName)).one()).map(r -> r.getString(0));
    }

    boolean subnetInUse(String subnetUuid) {
        return session.execute(anySubnetAddress.bind(subnetUuid)).one() != null;
    }

    Set<IpAddress> addresses(String subnetUuid) {
        Set<IpAddress> held = new HashSet<>();
        session.execute(subnetAddresses.bind(subnetUuid))
                .forEach(r -> IpAddress.parse(r.getString(0)).ifPresent(held::add));
        return held;
    }

    Set<Long> ids(IdPool pool) {
        Set<Long> held = new HashSet<>();
        session.execute(poolIds.bind(pool.name())).forEach(r -> held.add(r.getLong(0)));
        return held;
    }
}
