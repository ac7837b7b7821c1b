package io.filament.schema.routing;

import io.filament.schema.config.ConfigBody.VirtualNetworkConfig;
import io.filament.schema.config.ConfigObject;
import io.filament.schema.desired.DesiredRecord;
import io.filament.schema.desired.Provenance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The default routing instance of a network and its allocated route target. The instance exports its own target
 * and the user's {@code route_target_list} and {@code export_route_target_list}; it imports those, the user's
 * {@code import_route_target_list}, and the export targets of every connected network.
 */
public final class RoutingInstanceDeriver {

    private final RouteTargetStore store;
    private final GlobalSettings settings;

    public RoutingInstanceDeriver(RouteTargetStore store, GlobalSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    public static String instanceName(ConfigObject network) {
        return network.fqName().child(network.fqName().name()).toString();
    }

    public String ownTarget(ConfigObject network) {
        return settings.routeTarget(store.numberFor(instanceName(network), settings.numberSpace()));
    }

    public SortedSet<String> exportTargets(ConfigObject network) {
        VirtualNetworkConfig config = (VirtualNetworkConfig) network.body();
        SortedSet<String> exports = new TreeSet<>(config.routeTargets());
        exports.addAll(config.exportRouteTargets());
        exports.add(ownTarget(network));
        return exports;
    }

    /** The routing-instance and route-target records of {@code network} connected to {@code peers}. */
    public List<DesiredRecord> derive(ConfigObject network, List<ConfigObject> peers, List<ConfigObject> policies) {
        VirtualNetworkConfig config = (VirtualNetworkConfig) network.body();
        String name = instanceName(network);
        int number = store.numberFor(name, settings.numberSpace());
        String target = settings.routeTarget(number);

        SortedSet<String> imports = new TreeSet<>(config.routeTargets());
        imports.addAll(config.importRouteTargets());
        imports.add(target);
        Provenance provenance = new Provenance().add(network).addAll(policies);
        settings.systemConfig().ifPresent(provenance::add);
        List<String> connections = new ArrayList<>();
        for (ConfigObject peer : peers) {
            imports.addAll(exportTargets(peer));
            connections.add(instanceName(peer));
            provenance.add(peer);
        }

        Map<String, Object> instance = new TreeMap<>();
        instance.put("name", name);
        instance.put("virtual_network", network.fqName().toString());
        instance.put("virtual_network_uuid", network.key().uuid());
        instance.put("routing_instance_is_default", true);
        vni(config).ifPresent(vni -> instance.put("vni", vni));
        if (settings.vxlanIdConfigured() && config.vxlanId().isPresent()) {
            settings.vrouterConfig().ifPresent(provenance::add);
        }
        instance.put("forwarding_mode", config.forwardingMode().orElse(settings.defaultForwardingMode()));
        if (config.forwardingMode().isEmpty()) {
            settings.vrouterConfig().ifPresent(provenance::add);
        }
        instance.put("route_target", target);
        instance.put("import_route_targets", List.copyOf(imports));
        instance.put("export_route_targets", List.copyOf(exportTargets(network)));
        instance.put("connections", List.copyOf(new TreeSet<>(connections)));
        instance.put("derived_from", provenance.toJson());

        Map<String, Object> routeTarget = new TreeMap<>();
        routeTarget.put("name", target);
        routeTarget.put("autonomous_system", settings.autonomousSystem());
        routeTarget.put("number", number);
        routeTarget.put("routing_instance", name);
        Provenance targetProvenance = new Provenance().add(network);
        settings.systemConfig().ifPresent(targetProvenance::add);
        routeTarget.put("derived_from", targetProvenance.toJson());

        return List.of(new DesiredRecord(DesiredRecord.ROUTING_INSTANCE, name, instance),
                new DesiredRecord(DesiredRecord.ROUTE_TARGET, target, routeTarget));
    }

    private java.util.Optional<Integer> vni(VirtualNetworkConfig config) {
        if (settings.vxlanIdConfigured() && config.vxlanId().isPresent()) {
            return config.vxlanId();
        }
        return config.networkId();
    }
}
