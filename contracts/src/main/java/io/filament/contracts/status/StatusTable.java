package io.filament.contracts.status;

import java.util.Arrays;
import java.util.Optional;

/**
 * The object tables a status record may name (TF's names; {@code ObjectConfigRealisation} is Filament's),
 * each with the UVE type analytics serves it under ({@code /analytics/uves/<type>/<key>}).
 */
public enum StatusTable {
    VIRTUAL_NETWORK("ObjectVNTable", "virtual-network"),
    VIRTUAL_MACHINE("ObjectVMTable", "virtual-machine"),
    VIRTUAL_MACHINE_INTERFACE("ObjectVMITable", "virtual-machine-interface"),
    SERVICE_INSTANCE("ObjectSITable", "service-instance"),
    VROUTER("ObjectVRouter", "vrouter"),
    CONTROL_NODE("ObjectBgpRouter", "control-node"),
    BGP_PEER("ObjectBgpPeer", "bgp-peer"),
    XMPP_PEER("ObjectXmppPeerInfo", "xmpp-peer"),
    ROUTING_INSTANCE("ObjectRoutingInstance", "routing-instance"),
    CONFIG_NODE("ObjectConfigNode", "config-node"),
    ANALYTICS_NODE("ObjectCollectorInfo", "analytics-node"),
    DATABASE_NODE("ObjectDatabaseInfo", "database-node"),
    CONFIG_OBJECT("ObjectConfigRealisation", "config-object");

    private final String tableName;
    private final String typeName;

    StatusTable(String tableName, String typeName) {
        this.tableName = tableName;
        this.typeName = typeName;
    }

    /** The name in record keys, bodies and {@code ce_type}, e.g. {@code ObjectVRouter}. */
    public String tableName() {
        return tableName;
    }

    /** The singular UVE type of the REST paths, e.g. {@code vrouter}. */
    public String typeName() {
        return typeName;
    }

    public static Optional<StatusTable> byTableName(String name) {
        return Arrays.stream(values()).filter(t -> t.tableName.equals(name)).findFirst();
    }

    /** The table served under a UVE type of the REST paths, e.g. {@code vrouter}. */
    public static Optional<StatusTable> byTypeName(String name) {
        return Arrays.stream(values()).filter(t -> t.typeName.equals(name)).findFirst();
    }
}
