package io.filament.agent.it;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Writes config snapshots (the shared {@code filament.config.v1} format) and routing instances (the desired
 * topic) for one virtual network {@code default-domain:it:<network>}, as the config API and the schema
 * transformer would, so that real control nodes push them to the agents.
 */
final class ConfigRecords implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String configTopic;
    private final String desiredTopic;
    private final String network;

    ConfigRecords(String bootstrapServers, String configTopic, String desiredTopic, String network) {
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new ByteArraySerializer());
        this.configTopic = configTopic;
        this.desiredTopic = desiredTopic;
        this.network = network;
    }

    String routingInstance() {
        return "default-domain:it:" + network + ":" + network;
    }

    private void send(String topic, String key, String json) throws Exception {
        byte[] value = json == null ? null : json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    }

    private static String idPerms(UUID u) {
        return "'id_perms':{'uuid':{'uuid_mslong':'" + Long.toUnsignedString(u.getMostSignificantBits())
                + "','uuid_lslong':'" + Long.toUnsignedString(u.getLeastSignificantBits()) + "'}}";
    }

    /** The IPAM, the network with its subnet, and its routing instance with one route target. */
    void network(String subnet, int prefixLength, String gateway, String dns, long routeTarget) throws Exception {
        send(configTopic, "network-ipam/ipam", "{'type':'network-ipam','uuid':'ipam','version':1,"
                + "'fq_name':['default-domain','default-project','default-network-ipam'],'object':{'uuid':'ipam',"
                + "'fq_name':['default-domain','default-project','default-network-ipam'],'parent_type':'project'}}");
        send(configTopic, "virtual-network/vn-" + network, "{'type':'virtual-network','uuid':'vn-" + network
                + "','version':1,'fq_name':['default-domain','it','" + network + "'],'object':{'uuid':'vn-" + network
                + "','fq_name':['default-domain','it','" + network + "'],'parent_type':'project','network_ipam_refs':["
                + "{'to':['default-domain','default-project','default-network-ipam'],'uuid':'ipam','attr':{'ipam_subnets':"
                + "[{'subnet':{'ip_prefix':'" + subnet + "','ip_prefix_len':" + prefixLength + "},'default_gateway':'"
                + gateway + "','dns_server_address':'" + dns + "'}]}}]}}");
        send(desiredTopic, "routing-instance/" + routingInstance(), "{'name':'" + routingInstance()
                + "','virtual_network':'default-domain:it:" + network + "','import_route_targets':['target:64512:"
                + routeTarget + "'],'export_route_targets':['target:64512:" + routeTarget + "'],"
                + "'routing_instance_is_default':true,'derived_from':{}}");
    }

    /** A virtual machine with one interface and its instance-ip in the network. */
    void vmPort(UUID vm, UUID vmi, String mac, String address) throws Exception {
        send(configTopic, "virtual-machine/" + vm, "{'type':'virtual-machine','uuid':'" + vm + "','version':1,'fq_name':['"
                + vm + "'],'object':{'uuid':'" + vm + "','fq_name':['" + vm + "']}}");
        send(configTopic, "virtual-machine-interface/" + vmi, "{'type':'virtual-machine-interface','uuid':'" + vmi + "',"
                + "'version':1,'fq_name':['default-domain','it','" + vmi + "'],'object':{'uuid':'" + vmi + "',"
                + "'fq_name':['default-domain','it','" + vmi + "'],'parent_type':'project'," + idPerms(vmi) + ","
                + "'virtual_machine_interface_mac_addresses':{'mac_address':['" + mac + "']},"
                + "'virtual_machine_refs':[{'to':['" + vm + "'],'uuid':'" + vm + "','attr':null}],"
                + "'virtual_network_refs':[{'to':['default-domain','it','" + network + "'],'uuid':'vn-" + network
                + "','attr':null}]}}");
        send(configTopic, "instance-ip/iip-" + vmi, "{'type':'instance-ip','uuid':'iip-" + vmi + "','version':1,"
                + "'fq_name':['iip-" + vmi + "'],'object':{'uuid':'iip-" + vmi + "','fq_name':['iip-" + vmi + "'],"
                + "'instance_ip_address':'" + address + "',"
                + "'virtual_machine_interface_refs':[{'to':['default-domain','it','" + vmi + "'],'uuid':'" + vmi
                + "','attr':null}],'virtual_network_refs':[{'to':['default-domain','it','" + network + "'],'uuid':'vn-"
                + network + "','attr':null}]}}");
    }

    /** Deletes a virtual machine's interface and instance-ip (tombstones), as deleting the VM in the config API would. */
    void deleteVmPort(UUID vm, UUID vmi) throws Exception {
        send(configTopic, "instance-ip/iip-" + vmi, null);
        send(configTopic, "virtual-machine-interface/" + vmi, null);
        send(configTopic, "virtual-machine/" + vm, null);
    }

    /** The virtual router of {@code host} with the virtual machines placed on it. */
    void virtualRouter(String host, UUID... vms) throws Exception {
        String refs = Arrays.stream(vms).map(vm -> "{'to':['" + vm + "'],'uuid':'" + vm + "','attr':null}")
                .collect(Collectors.joining(","));
        send(configTopic, "virtual-router/vr-" + host, "{'type':'virtual-router','uuid':'vr-" + host + "','version':1,"
                + "'fq_name':['default-global-system-config','" + host + "'],'object':{'uuid':'vr-" + host + "',"
                + "'fq_name':['default-global-system-config','" + host + "'],'parent_type':'global-system-config',"
                + "'virtual_machine_refs':[" + refs + "]}}");
    }

    @Override
    public void close() {
        producer.close();
    }
}
