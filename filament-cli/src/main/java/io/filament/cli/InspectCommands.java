package io.filament.cli;

import io.filament.cli.http.ServiceClient;
import io.filament.cli.infra.InfraException;
import io.filament.cli.output.JsonTable;
import io.filament.cli.stack.StackLayout;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** Read-only views of the running fabric, each backed by one service's REST endpoint. */
final class InspectCommands {

    static final String CONFIG_API = "127.0.0.1:8082";
    static final int AGENT_INTROSPECT_PORT = 8085;

    private InspectCommands() {
    }

    /** A simulated host's name ({@code host1}) or a fabric address, to the agent's introspect address. */
    static String agentAddress(String host) {
        return StackLayout.HOSTS.stream().filter(h -> h.name().equals(host) || h.fabricAddress().equals(host))
                .findFirst()
                .map(h -> h.fabricAddress() + ":" + AGENT_INTROSPECT_PORT)
                .orElseThrow(() -> new InfraException("unknown host \"" + host + "\"; known: "
                        + String.join(", ", StackLayout.HOSTS.stream().map(StackLayout.SimulatedHost::name).toList())));
    }

    static void emit(JsonNode node, String output, List<String> columns) {
        switch (output) {
            case "json" -> System.out.println(ServiceClient.json().writerWithDefaultPrettyPrinter().writeValueAsString(node));
            case "table" -> JsonTable.print(node.isArray() ? node : List.of(node), columns, System.out);
            default -> throw new InfraException("unknown output format \"" + output + "\" (use table or json)");
        }
    }

    @Command(name = "get", description = "List config objects of a type, or show one by name or uuid (config API).")
    static final class Get implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "TYPE", description = "e.g. virtual-network, virtual-machine-interface")
        String type;

        @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "name, fq-name (a:b:c) or uuid")
        String name;

        @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table (default) or json")
        String output;

        @Override
        public Integer call() {
            ServiceClient api = new ServiceClient("config-api", CONFIG_API);
            JsonNode listing = api.get("/" + type + "s?detail=true");
            List<JsonNode> objects = new ArrayList<>();
            for (JsonNode entry : listing.path(type + "s")) {
                JsonNode object = entry.has(type) ? entry.get(type) : entry;
                if (name == null || matches(object, name)) {
                    objects.add(object);
                }
            }
            if (name != null && objects.isEmpty()) {
                throw new InfraException("no " + type + " named \"" + name + "\"");
            }
            if (name != null && output.equals("table")) {
                emit(objects.getFirst(), "json", List.of());
            } else {
                JsonNode array = ServiceClient.json().valueToTree(objects);
                emit(array, output, List.of("name", "uuid", "fq_name", "parent_type"));
            }
            return 0;
        }

        private static boolean matches(JsonNode object, String wanted) {
            List<String> fqName = new ArrayList<>();
            object.path("fq_name").forEach(part -> fqName.add(part.asString()));
            return wanted.equals(object.path("uuid").asString()) || wanted.equals(String.join(":", fqName))
                    || (!fqName.isEmpty() && wanted.equals(fqName.getLast()));
        }
    }

    @Command(name = "routes", description = "Routes of one VRF as a host's agent holds them (agent introspect).")
    static final class Routes implements Callable<Integer> {
        @Option(names = "--host", required = true, description = "host1, host2 or a fabric address")
        String host;

        @Option(names = "--vrf", required = true, description = "routing instance fq-name or VRF name")
        String vrf;

        @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table (default) or json")
        String output;

        @Override
        public Integer call() {
            ServiceClient agent = new ServiceClient("agent " + host, agentAddress(host));
            JsonNode routes = agent.get("/routes?vrf=" + URLEncoder.encode(vrf, StandardCharsets.UTF_8));
            emit(routes.has("routes") ? routes.get("routes") : routes, output, List.of());
            return 0;
        }
    }

    @Command(name = "flows", description = "Active flows of a host's dataplane (agent introspect).")
    static final class Flows implements Callable<Integer> {
        @Option(names = "--host", required = true, description = "host1, host2 or a fabric address")
        String host;

        @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table (default) or json")
        String output;

        @Override
        public Integer call() {
            ServiceClient agent = new ServiceClient("agent " + host, agentAddress(host));
            JsonNode flows = agent.get("/flows");
            emit(flows.has("flows") ? flows.get("flows") : flows, output, List.of());
            return 0;
        }
    }
}
