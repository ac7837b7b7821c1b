package io.filament.cli;

import io.filament.cli.infra.InfraNode;
import io.filament.cli.infra.LocalInfrastructure;
import io.filament.cli.output.Durations;
import io.filament.cli.output.Table;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code filament infra up|down|status}: the local Kafka broker and Cassandra node. */
@Command(name = "infra", description = "Run the local Kafka broker and Cassandra node.",
        subcommands = {InfraCommand.Up.class, InfraCommand.Down.class, InfraCommand.Status.class,
                CqlCommand.class, InfraCommand.Check.class})
final class InfraCommand {

    @ParentCommand
    FilamentCommand root;

    LocalInfrastructure infrastructure() {
        return LocalInfrastructure.standard(root.workspace(), Clock.systemUTC(), System.out);
    }

    @Command(name = "up", description = "Start Kafka and Cassandra (if not running) and wait until both answer.")
    static final class Up implements Callable<Integer> {
        @ParentCommand
        InfraCommand infra;

        @Override
        public Integer call() {
            infra.infrastructure().up();
            return 0;
        }
    }

    @Command(name = "down", description = "Stop the Kafka and Cassandra processes that up started; data is kept.")
    static final class Down implements Callable<Integer> {
        @ParentCommand
        InfraCommand infra;

        @Override
        public Integer call() {
            infra.infrastructure().down();
            return 0;
        }
    }

    @Command(name = "status", description = "Show each infrastructure service with pid, address, uptime and state.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        InfraCommand infra;

        @Override
        public Integer call() {
            Table table = new Table("SERVICE", "PID", "ADDRESS", "UPTIME", "STATE");
            boolean allUp = true;
            for (InfraNode node : infra.infrastructure().nodes()) {
                Optional<ProcessHandle> process = node.process().running();
                String description = process.isPresent() ? node.describe() : "";
                String state = process.isEmpty() ? "stopped" : description.isEmpty() ? "not answering" : "up, " + description;
                allUp &= !description.isEmpty();
                table.row(node.name(),
                        process.map(p -> Long.toString(p.pid())).orElse("-"),
                        node.address(),
                        node.process().uptime().map(Durations::compact).orElse("-"),
                        state);
            }
            table.print(System.out);
            return allUp ? 0 : 3;
        }
    }

    @Command(name = "check", description = "Exit 0 when Kafka and Cassandra answer at their addresses, whoever started them.")
    static final class Check implements Callable<Integer> {
        @ParentCommand
        InfraCommand infra;

        @Override
        public Integer call() {
            boolean all = true;
            for (InfraNode node : infra.infrastructure().nodes()) {
                String answer = node.describe();
                System.out.printf("%-10s %s%n", node.name(), answer.isEmpty() ? "not answering at " + node.address() : answer);
                all &= !answer.isEmpty();
            }
            return all ? 0 : 3;
        }
    }
}
