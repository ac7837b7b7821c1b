package io.filament.configapi.store;

/**
 * Another writer got there first (an object version or an automatically chosen address or id); nothing of this
 * attempt stays committed, and the command is decided again against the newer state.
 */
public final class CommitConflict extends RuntimeException {

    public CommitConflict(String message) {
        super(message, null, false, false);
    }
}
