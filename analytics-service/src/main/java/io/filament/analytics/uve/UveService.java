package io.filament.analytics.uve;

import java.util.List;
import java.util.Optional;

import io.filament.analytics.status.UveTable;

/** Read side of the UVE view; safe from any thread. */
public interface UveService {

    /** Keys of a table that currently have at least one contribution, sorted. */
    List<String> keys(UveTable table);

    Optional<UveContributions> contributions(UveKey key);

    /** Number of UVEs per table. */
    int count(UveTable table);
}
