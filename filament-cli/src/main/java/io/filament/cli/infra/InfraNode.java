package io.filament.cli.infra;

import java.nio.file.Path;
import java.util.List;

/** One piece of local infrastructure that {@code bin/filament infra} runs as a background process. */
public interface InfraNode {

    /** Short name used for the pid file, the log file and the status table. */
    String name();

    /** The address clients use, {@code host:port}. */
    String address();

    /** Every local port the process binds, each checked to be free before a start. */
    List<Integer> ports();

    /** Writes configuration, prepares storage and launches the process; returns at once. */
    void start();

    /** Asks the running service a real question (metadata, a CQL query); true only on an answer. */
    boolean answers();

    /** A one-line description of the running service (e.g. its version), or empty when it does not answer. */
    String describe();

    ManagedProcess process();

    Path logFile();
}
