package io.filament.analytics.status;

import java.util.Arrays;
import java.util.Optional;

/**
 * The object tables a status record may name, each with the UVE type used in the REST paths
 * ({@code /analytics/uves/<type>/<key>}). Table names are Tungsten Fabric's; {@code ObjectConfigRealisation}
 * is Filament's own table for realised config versions.
 */
public enum UveTable {
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

    UveTable(String tableName, String typeName) {
        this.tableName = tableName;
        this.typeName = typeName;
    }

    /** The table name used in record keys and queries, e.g. {@code ObjectVRouter}. */
    public String tableName() {
        return tableName;
    }

    /** The singular REST type, e.g. {@code vrouter}; the list path adds an {@code s}. */
    public String typeName() {
        return typeName;
    }

    public static Optional<UveTable> byTableName(String name) {
        return Arrays.stream(values()).filter(t -> t.tableName.equals(name)).findFirst();
    }

    public static Optional<UveTable> byTypeName(String name) {
        return Arrays.stream(values()).filter(t -> t.typeName.equals(name)).findFirst();
    }
}
