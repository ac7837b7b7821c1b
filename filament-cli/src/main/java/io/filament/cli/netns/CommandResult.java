package io.filament.cli.netns;

/** The exit code and combined output of a finished command. */
public record CommandResult(int exitCode, String output) {

    public boolean succeeded() {
        return exitCode == 0;
    }
}
