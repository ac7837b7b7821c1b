package io.filament.configapi.store;

import io.filament.configapi.command.IdPool;
import io.filament.configapi.error.ConflictException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/** Like {@link AddressBook}, for an integer id pool: proposes the next id nobody is known to hold. */
final class IdBook {

    private final IdPool pool;
    private final Supplier<Set<Long>> loader;
    private Set<Long> taken;
    private final Set<Long> reserved = new HashSet<>();
    private long cursor;

    IdBook(IdPool pool, Supplier<Set<Long>> loader) {
        this.pool = pool;
        this.loader = loader;
        this.cursor = pool.first();
    }

    synchronized long reserve() {
        if (taken == null) {
            taken = new HashSet<>(loader.get());
        }
        long span = pool.last() - pool.first() + 1;
        for (int pass = 0; pass < 2; pass++) {
            for (long i = 0; i < span && i <= taken.size() + reserved.size(); i++) {
                long id = pool.first() + Math.floorMod(cursor - pool.first() + i, span);
                if (!taken.contains(id) && !reserved.contains(id)) {
                    reserved.add(id);
                    cursor = id + 1 > pool.last() ? pool.first() : id + 1;
                    return id;
                }
            }
            taken = new HashSet<>(loader.get());
        }
        throw new ConflictException("No free id left in " + pool);
    }

    synchronized void unreserve(long id) {
        reserved.remove(id);
    }

    synchronized void taken(long id) {
        reserved.remove(id);
        if (taken != null) {
            taken.add(id);
        }
    }

    synchronized void freed(long id) {
        if (taken != null) {
            taken.remove(id);
        }
    }
}
