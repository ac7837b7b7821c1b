package io.filament.analytics.uve;

import java.util.List;
import java.util.Optional;

import io.filament.contracts.status.StatusTable;

/** Read side of the UVE view; safe from any thread. */
public interface UveService {

    /** Keys of a table that currently have at least one contribution, sorted. */
    List<String> keys(StatusTable table);

    Optional<UveContributions> contributions(UveKey key);

    /** Number of UVEs per table. */
    int count(StatusTable table);
}
