package io.filament.cli;

import io.filament.cli.demo.DemoCheck;
import io.filament.cli.demo.DemoNamespaces;
import io.filament.cli.demo.DemoReport;
import io.filament.cli.demo.DemoScenario;
import io.filament.cli.demo.DhcpClient;
import io.filament.cli.fabric.FabricIntent;
import io.filament.cli.fabric.PortApi;
import io.filament.cli.infra.InfraException;
import io.filament.cli.infra.InfraNode;
import io.filament.cli.output.Durations;
import io.filament.cli.output.Table;
import io.filament.cli.stack.LocalStack;
import io.filament.cli.stack.StackLayout;
import io.filament.cli.stack.StackLayout.SimulatedHost;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.json.JsonMapper;

/** {@code filament up|down|status}: the whole stack on this machine. */
final class StackCommands {

    private StackCommands() {
    }

    static LocalStack stack(FilamentCommand root) {
        return LocalStack.standard(root.workspace(), Clock.systemUTC(), System.out);
    }

    @Command(name = "up", description = "Start the infrastructure and every service; wait until all are healthy.")
    static final class Up implements Callable<Integer> {
        @ParentCommand
        FilamentCommand root;

        @Option(names = "--demo", description = "Then declare the demo networks and VMs and prove they reach each other.")
        boolean demo;

        @Override
        public Integer call() {
            if (!"root".equals(System.getProperty("user.name"))) {
                throw new InfraException("bin/filament up needs root: the dataplanes create TAP devices and the demo "
                        + "network namespaces (run it with sudo)");
            }
            long start = System.nanoTime();
            Duration ready = stack(root).up();
            if (!demo) {
                System.out.println("see bin/filament status; stop everything with bin/filament down");
                return 0;
            }
            System.out.println("demo:");
            DemoScenario scenario = new DemoScenario(new FabricIntent(DemoScenario.configApi()),
                    new DemoNamespaces(root.workspace()), new DhcpClient(root.workspace()), System.out);
            List<DemoCheck> checks = scenario.run();
            DemoReport.print(checks, "ip netns exec fil-red-1 ping " + scenario.ports().get("red-2").ipAddress(), ready, Duration.ofNanos(System.nanoTime() - start), System.out);
            return 0;
        }
    }

    @Command(name = "down", description = "Stop every service and the infrastructure that up started.")
    static final class Down implements Callable<Integer> {
        @ParentCommand
        FilamentCommand root;

        @Override
        public Integer call() {
            DemoNamespaces namespaces = new DemoNamespaces(root.workspace());
            unplugPortsIn(namespaces.recorded());
            stack(root).down();
            int removed = namespaces.deleteAll();
            if (removed > 0) {
                System.out.printf("  removed %d demo namespaces (and the TAPs in them)%n", removed);
            }
            return 0;
        }
    }

    /**
     * Unplugs, on every host whose agent answers, the ports of the namespaces the demo and the benchmarks made, as an
     * orchestrator does for the VMs it deletes: the agents would otherwise restore them at their next start and wait
     * for config that never comes back.
     */
    static void unplugPortsIn(List<String> namespaces) {
        if (namespaces.isEmpty()) {
            return;
        }
        for (SimulatedHost host : StackLayout.HOSTS) {
            try {
                int unplugged = new PortApi(host.fabricAddress()).unplugIn(namespaces);
                if (unplugged > 0) {
                    System.out.printf("  unplugged %d demo ports from %s%n", unplugged, host.name());
                }
            } catch (InfraException e) {
                System.out.printf("  %s's agent did not answer (%s): its demo ports stay plugged until the next demo%n",
                        host.name(), e.getMessage());
            }
        }
    }

    @Command(name = "status", description = "Show every process of the local stack: pid, address, uptime, health.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        FilamentCommand root;

        @Option(names = {"-o", "--output"}, description = "table (default) or json", defaultValue = "table")
        String output;

        @Override
        public Integer call() {
            LocalStack stack = stack(root);
            List<InfraNode> nodes = new ArrayList<>(stack.infrastructure().nodes());
            nodes.addAll(stack.services());
            nodes.add(stack.prometheus());
            List<Map<String, Object>> rows = new ArrayList<>();
            boolean healthy = true;
            for (InfraNode node : nodes) {
                Optional<ProcessHandle> process = node.process().running();
                String health = process.isPresent() ? node.describe() : "";
                healthy &= process.isPresent() && !health.isEmpty() && !health.equals("DOWN");
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("service", node.name());
                row.put("pid", process.map(ProcessHandle::pid).orElse(null));
                row.put("address", node.address());
                row.put("uptime_seconds", node.process().uptime().map(Duration::toSeconds).orElse(null));
                row.put("health", process.isEmpty() ? "stopped" : health.isEmpty() ? "not answering" : health);
                rows.add(row);
            }
            if (output.equals("json")) {
                System.out.println(JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(rows));
            } else if (output.equals("table")) {
                Table table = new Table("SERVICE", "PID", "ADDRESS", "UPTIME", "HEALTH");
                for (Map<String, Object> row : rows) {
                    Object uptime = row.get("uptime_seconds");
                    table.row((String) row.get("service"), row.get("pid") == null ? "-" : row.get("pid").toString(),
                            (String) row.get("address"),
                            uptime == null ? "-" : Durations.compact(Duration.ofSeconds((Long) uptime)),
                            (String) row.get("health"));
                }
                table.print(System.out);
            } else {
                System.err.println("filament: unknown output format \"" + output + "\" (use table or json)");
                return 2;
            }
            return healthy ? 0 : 3;
        }
    }
}
