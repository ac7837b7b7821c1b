package io.filament.cli;

import io.filament.cli.bench.PortUpBenchmark;
import io.filament.cli.demo.DemoNamespaces;
import io.filament.cli.demo.DemoScenario;
import io.filament.cli.demo.DhcpClient;
import io.filament.cli.fabric.FabricIntent;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code filament bench port-up}: whole-system measurements on a running local stack (see bench/stack/). */
@Command(name = "bench", hidden = true, description = "Whole-system measurements on a running local stack.",
        subcommands = BenchCommand.PortUp.class)
final class BenchCommand {

    @ParentCommand
    FilamentCommand root;

    @Command(name = "port-up", description = "Port-up latency: VMI create to first echo reply from another host.")
    static final class PortUp implements Callable<Integer> {
        @ParentCommand
        BenchCommand bench;

        @Option(names = "--vms", defaultValue = "50", description = "number of VMs to bring up one after another")
        int vms;

        @Override
        public Integer call() {
            new PortUpBenchmark(new FabricIntent(DemoScenario.configApi()), new DemoNamespaces(bench.root.workspace()),
                    new DhcpClient(bench.root.workspace()),
                    bench.root.workspace().root().resolve("bench/stack/echo-probe.py"), System.out).run(vms);
            return 0;
        }
    }
}
