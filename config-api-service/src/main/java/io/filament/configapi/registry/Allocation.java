package io.filament.configapi.registry;

/** Server-side behaviours of TF's API server that a type description switches on. */
public enum Allocation {
    /** {@code virtual_network_network_id}, unique 1..2^24. */
    NETWORK_ID,
    /** {@code ipam_subnets} on the VN→IPAM refs: defaults, {@code subnet_uuid}, no overlap. */
    IPAM_SUBNETS,
    /** The default routing instance {@code <vn-fq-name>:<vn-name>} created and deleted with its network. */
    DEFAULT_ROUTING_INSTANCE,
    /** {@code security_group_id} from 8,000,000 unless {@code configured_security_group_id}. */
    SECURITY_GROUP_ID,
    /** A {@code default} security group in every new project. */
    DEFAULT_SECURITY_GROUP,
    /** VMI MAC {@code 02:} + first five bytes of the uuid, the ref to the default routing instance. */
    INTERFACE_DEFAULTS,
    /** VMI bindings with {@code host_id} link that host's virtual-router to the VMI's virtual machine. */
    VROUTER_BINDING,
    /** {@code instance_ip_address} from the referenced network's subnets. */
    INSTANCE_IP_ADDRESS,
    /** {@code floating_ip_address} from the pool's network's subnets. */
    FLOATING_IP_ADDRESS
}
