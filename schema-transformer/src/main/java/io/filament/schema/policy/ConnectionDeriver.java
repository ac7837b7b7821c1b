package io.filament.schema.policy;

import io.filament.schema.config.ConfigObject;
import io.filament.schema.desired.DesiredRecord;
import io.filament.schema.desired.Provenance;
import io.filament.schema.routing.RoutingInstanceDeriver;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The connection between the default instances of two mutually-allowing networks, keyed
 * {@code <instance a>,<instance b>} with a before b; each instance imports the other's export targets.
 */
public final class ConnectionDeriver {

    private ConnectionDeriver() {
    }

    public static DesiredRecord derive(ConfigObject left, List<ConfigObject> leftPolicies,
                                       ConfigObject right, List<ConfigObject> rightPolicies) {
        String leftName = RoutingInstanceDeriver.instanceName(left);
        String rightName = RoutingInstanceDeriver.instanceName(right);
        if (leftName.compareTo(rightName) > 0) {
            return derive(right, rightPolicies, left, leftPolicies);
        }
        Map<String, Object> connection = new TreeMap<>();
        connection.put("routing_instances", List.of(leftName, rightName));
        connection.put("virtual_networks", List.of(left.fqName().toString(), right.fqName().toString()));
        connection.put("derived_from",
                new Provenance().add(left).addAll(leftPolicies).add(right).addAll(rightPolicies).toJson());
        return new DesiredRecord(DesiredRecord.CONNECTION, leftName + "," + rightName, connection);
    }
}
