package io.filament.analytics.uve;

/** Told of every UVE change, on the thread that applies status records. Must not block. */
@FunctionalInterface
public interface UveListener {

    void uveChanged(UveChanged change);
}
