package io.filament.cli;

import io.filament.cli.infra.InfraException;
import io.filament.cli.infra.Workspace;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code filament} command line. {@code bin/filament} runs it with the checkout's root. */
@Command(name = "filament", mixinStandardHelpOptions = true, version = "filament 0.1.0",
        description = "Filament: network virtualization on Kafka and Cassandra.",
        subcommands = {InfraCommand.class, StackCommands.Up.class, StackCommands.Down.class,
                StackCommands.Status.class, InspectCommands.Get.class, InspectCommands.Routes.class,
                InspectCommands.Flows.class, BenchCommand.class})
public final class FilamentCommand {

    Workspace workspace() {
        String root = System.getProperty("filament.root", System.getProperty("user.dir"));
        return new Workspace(Path.of(root).toAbsolutePath().normalize());
    }

    public static void main(String[] args) {
        quietClientLogging();
        CommandLine commandLine = new CommandLine(new FilamentCommand())
                .setExecutionExceptionHandler((exception, command, parsed) -> {
                    if (exception instanceof InfraException) {
                        command.getErr().println("filament: " + exception.getMessage());
                        return 1;
                    }
                    throw exception;
                });
        System.exit(commandLine.execute(args));
    }

    /** Probing a service that is still starting makes the Kafka and Cassandra clients log warnings; hide them. */
    private static void quietClientLogging() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        System.setProperty("org.slf4j.simpleLogger.log.com.datastax", "off");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "off");
    }
}
