package io.filament.configapi.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filament.configapi.error.BadRequestException;
import io.filament.configapi.error.ConfigApiException;
import io.filament.configapi.error.ConflictException;
import io.filament.configapi.error.NotFoundException;
import io.filament.configapi.error.PreconditionFailedException;
import io.filament.configapi.registry.TypeRegistry;
import io.filament.contracts.config.ConfigOperation;
import io.filament.contracts.config.ConfigType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class CommandHandlerTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final AtomicLong sequence = new AtomicLong(0x10);
    private final CommandHandler handler = new CommandHandler(TypeRegistry.tungstenFabric(),
            Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC),
            () -> new UUID(0xef1e982805aa4bbbL, sequence.incrementAndGet()));
    private final InMemoryConfigState state = new InMemoryConfigState();

    @BeforeEach
    void bootstrap() {
        DefaultObjects.commands().forEach(c -> state.apply(handler.decide(state, c)));
    }

    private ObjectNode body(String text) {
        return (ObjectNode) json.readTree(text.replace('\'', '"'));
    }

    private Decision run(Command command) {
        Decision decision = handler.decide(state, command);
        state.apply(decision);
        return decision;
    }

    private StoredObject create(ConfigType type, String text) {
        Decision decision = run(new Command.CreateObject(type, body(text)));
        return state.find(decision.subjectUuid()).orElseThrow();
    }

    private StoredObject network(String name, String subnets) {
        return create(ConfigType.VIRTUAL_NETWORK, "{'fq_name':['default-domain','demo','" + name + "'],"
                + "'parent_type':'project','network_ipam_refs':[{'to':['default-domain','default-project',"
                + "'default-network-ipam'],'attr':{'ipam_subnets':[" + subnets + "]}}]}");
    }

    private StoredObject demoProject() {
        return create(ConfigType.PROJECT, "{'fq_name':['default-domain','demo']}");
    }

    @Test
    void defaultsExistAfterBootstrapWithTfValues() {
        StoredObject gsc = state.find(ConfigType.GLOBAL_SYSTEM_CONFIG, List.of("default-global-system-config"))
                .orElseThrow();
        StoredObject gvc = state.find(ConfigType.GLOBAL_VROUTER_CONFIG,
                List.of("default-global-system-config", "default-global-vrouter-config")).orElseThrow();

        assertThat(gsc.body().get("autonomous_system").asInt()).isEqualTo(64512);
        assertThat(gvc.body().at("/encapsulation_priorities/encapsulation").toString())
                .isEqualTo("[\"MPLSoUDP\",\"MPLSoGRE\",\"VXLAN\"]");
        assertThat(gvc.parentUuid()).contains(gsc.uuid());
    }

    @Test
    void newProjectGetsADefaultSecurityGroupWithAnIdFromEightMillion() {
        StoredObject project = demoProject();

        StoredObject group = state.find(ConfigType.SECURITY_GROUP, List.of("default-domain", "demo", "default"))
                .orElseThrow();

        assertThat(group.parentUuid()).contains(project.uuid());
        assertThat(group.body().get("security_group_id").asLong()).isGreaterThanOrEqualTo(8_000_000L);
        assertThat(group.body().at("/security_group_entries/policy_rule").size()).isEqualTo(4);
        assertThat(group.body().at("/security_group_entries/policy_rule/1/src_addresses/0/security_group")
                .asString()).isEqualTo("default-domain:demo:default");
    }

    @Test
    void networkGetsIdSubnetDefaultsAndItsDefaultRoutingInstance() {
        demoProject();

        Decision decision = run(new Command.CreateObject(ConfigType.VIRTUAL_NETWORK, body(
                "{'fq_name':['default-domain','demo','red'],'network_ipam_refs':[{'to':['default-domain',"
                        + "'default-project','default-network-ipam'],'attr':{'ipam_subnets':[{'subnet':"
                        + "{'ip_prefix':'10.1.1.0','ip_prefix_len':24}},{'subnet':{'ip_prefix':'10.2.0.0',"
                        + "'ip_prefix_len':16},'addr_from_start':true}]}}]}")));

        StoredObject vn = state.find(decision.subjectUuid()).orElseThrow();
        assertThat(vn.body().get("virtual_network_network_id").asLong()).isEqualTo(1);
        assertThat(vn.body().at("/network_ipam_refs/0/attr/ipam_subnets/0/default_gateway").asString())
                .isEqualTo("10.1.1.254");
        assertThat(vn.body().at("/network_ipam_refs/0/attr/ipam_subnets/0/dns_server_address").asString())
                .isEqualTo("10.1.1.253");
        assertThat(vn.body().at("/network_ipam_refs/0/attr/ipam_subnets/1/default_gateway").asString())
                .isEqualTo("10.2.0.1");
        assertThat(vn.body().at("/network_ipam_refs/0/attr/ipam_subnets/1/subnet_uuid").asString()).isNotBlank();
        assertThat(decision.changes()).extracting(ObjectChange::type)
                .containsExactly(ConfigType.VIRTUAL_NETWORK, ConfigType.ROUTING_INSTANCE);
        StoredObject ri = state.find(ConfigType.ROUTING_INSTANCE, List.of("default-domain", "demo", "red", "red"))
                .orElseThrow();
        assertThat(ri.body().get("routing_instance_is_default").asBoolean()).isTrue();
        assertThat(decision.claims()).hasAtLeastOneElementOfType(Claim.Id.class);
    }

    @Test
    void overlappingSubnetsBadCidrAndGatewayOutsideAreRefusedNamingTheField() {
        demoProject();

        assertThatThrownBy(() -> network("a", "{'subnet':{'ip_prefix':'10.0.0.0','ip_prefix_len':16}},"
                + "{'subnet':{'ip_prefix':'10.0.3.0','ip_prefix_len':24}}"))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("10.0.3.0/24 overlaps 10.0.0.0/16");
        assertThatThrownBy(() -> network("b", "{'subnet':{'ip_prefix':'10.0.0.9','ip_prefix_len':24}}"))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("host bits");
        assertThatThrownBy(() -> network("c", "{'subnet':{'ip_prefix':'10.0.0.0','ip_prefix_len':24},"
                + "'default_gateway':'10.9.9.1'}"))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("default_gateway")
                .hasMessageContaining("outside subnet 10.0.0.0/24");
        assertThat(state.find(ConfigType.VIRTUAL_NETWORK, List.of("default-domain", "demo", "a"))).isEmpty();
    }

    @Test
    void interfaceGetsMacFromItsUuidAndARefToTheDefaultInstance() {
        demoProject();
        StoredObject vn = network("red", "{'subnet':{'ip_prefix':'10.1.1.0','ip_prefix_len':24}}");

        StoredObject vmi = create(ConfigType.VIRTUAL_MACHINE_INTERFACE, "{'uuid':'ef1e9828-05ab-4cde-8f00-"
                + "000000000001','fq_name':['default-domain','demo','port1'],'parent_type':'project',"
                + "'virtual_network_refs':[{'uuid':'" + vn.uuid() + "'}]}");

        assertThat(vmi.body().at("/virtual_machine_interface_mac_addresses/mac_address/0").asString())
                .isEqualTo("02:ef:1e:98:28:05");
        assertThat(vmi.body().at("/routing_instance_refs/0/to").toString())
                .isEqualTo("[\"default-domain\",\"demo\",\"red\",\"red\"]");
        assertThat(vmi.body().at("/routing_instance_refs/0/attr/direction").asString()).isEqualTo("both");
        assertThat(vmi.body().at("/virtual_network_refs/0/to/2").asString()).isEqualTo("red");
    }

    @Test
    void instanceIpsGetFreeAddressesFromTheTopAndRequestedOnesExactly() {
        demoProject();
        StoredObject vn = network("red", "{'subnet':{'ip_prefix':'10.1.1.0','ip_prefix_len':24}}");
        String ref = "'virtual_network_refs':[{'uuid':'" + vn.uuid() + "'}]";

        StoredObject first = create(ConfigType.INSTANCE_IP, "{" + ref + "}");
        StoredObject second = create(ConfigType.INSTANCE_IP, "{" + ref + "}");
        StoredObject chosen = create(ConfigType.INSTANCE_IP, "{'instance_ip_address':'10.1.1.7'," + ref + "}");

        assertThat(first.body().get("instance_ip_address").asString()).isEqualTo("10.1.1.252");
        assertThat(second.body().get("instance_ip_address").asString()).isEqualTo("10.1.1.251");
        assertThat(chosen.body().get("instance_ip_address").asString()).isEqualTo("10.1.1.7");
        assertThat(first.fqName()).containsExactly(first.uuid());
        assertThat(first.body().get("instance_ip_family").asString()).isEqualTo("v4");
        assertThatThrownBy(() -> create(ConfigType.INSTANCE_IP, "{'instance_ip_address':'10.1.1.7'," + ref + "}"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("10.1.1.7 already in use");
        assertThatThrownBy(() -> create(ConfigType.INSTANCE_IP, "{'instance_ip_address':'10.1.1.254'," + ref + "}"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("gateway");
        assertThatThrownBy(() -> create(ConfigType.INSTANCE_IP, "{'instance_ip_address':'10.9.1.1'," + ref + "}"))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("outside the subnets");
    }

    @Test
    void ipv6InstanceIpComesFromTheV6SubnetWhenTheFamilyAsksForIt() {
        demoProject();
        StoredObject vn = network("dual", "{'subnet':{'ip_prefix':'10.1.1.0','ip_prefix_len':24}},"
                + "{'subnet':{'ip_prefix':'fd00:1::','ip_prefix_len':120},'addr_from_start':true}");

        StoredObject v6 = create(ConfigType.INSTANCE_IP, "{'instance_ip_family':'v6','virtual_network_refs':"
                + "[{'uuid':'" + vn.uuid() + "'}]}");

        assertThat(v6.body().get("instance_ip_address").asString()).isEqualTo("fd00:1::3");
        assertThat(v6.body().get("subnet_uuid").asString()).isEqualTo(
                vn.body().at("/network_ipam_refs/0/attr/ipam_subnets/1/subnet_uuid").asString());
    }

    @Test
    void floatingIpTakesAnAddressOfItsPoolsNetworkAndGivesItBackOnDelete() {
        StoredObject project = demoProject();
        StoredObject external = network("public", "{'subnet':{'ip_prefix':'192.0.2.0','ip_prefix_len':28}}");
        create(ConfigType.FLOATING_IP_POOL, "{'fq_name':['default-domain','demo','public','pool']}");

        StoredObject fip = create(ConfigType.FLOATING_IP, "{'fq_name':['default-domain','demo','public','pool',"
                + "'fip1'],'project_refs':[{'uuid':'" + project.uuid() + "'}]}");
        run(new Command.DeleteObject(ConfigType.FLOATING_IP, fip.uuid(), OptionalLong.empty()));

        assertThat(fip.body().get("floating_ip_address").asString()).isEqualTo("192.0.2.12");
        assertThat(fip.body().get("floating_ip_address_family").asString()).isEqualTo("v4");
        assertThat(state.addresses).isEmpty();
        assertThat(external.uuid()).isNotBlank();
        assertThatThrownBy(() -> create(ConfigType.FLOATING_IP, "{'fq_name':['default-domain','demo','public','pool',"
                + "'fip2']}")).isInstanceOf(BadRequestException.class).hasMessageContaining("project_refs");
    }

    @Test
    void fullSubnetIsReportedAsExhausted() {
        demoProject();
        StoredObject vn = network("tiny", "{'subnet':{'ip_prefix':'10.3.3.0','ip_prefix_len':29}}");
        String ref = "{'virtual_network_refs':[{'uuid':'" + vn.uuid() + "'}]}";
        for (int i = 0; i < 4; i++) {
            create(ConfigType.INSTANCE_IP, ref);
        }

        assertThatThrownBy(() -> create(ConfigType.INSTANCE_IP, ref))
                .isInstanceOf(ConflictException.class).hasMessageContaining("subnet exhausted");
    }

    @Test
    void deletesAreRefusedWhileChildrenOrBackRefsRemainThenSucceedInReverseOrder() {
        StoredObject project = demoProject();
        StoredObject vn = network("red", "{'subnet':{'ip_prefix':'10.1.1.0','ip_prefix_len':24}}");
        StoredObject ip = create(ConfigType.INSTANCE_IP, "{'virtual_network_refs':[{'uuid':'" + vn.uuid() + "'}]}");

        assertThatThrownBy(() -> run(new Command.DeleteObject(ConfigType.PROJECT, project.uuid(),
                OptionalLong.empty()))).isInstanceOf(ConflictException.class).hasMessageContaining("children");
        assertThatThrownBy(() -> run(new Command.DeleteObject(ConfigType.VIRTUAL_NETWORK, vn.uuid(),
                OptionalLong.empty()))).isInstanceOf(ConflictException.class).hasMessageContaining("referred");

        run(new Command.DeleteObject(ConfigType.INSTANCE_IP, ip.uuid(), OptionalLong.empty()));
        Decision vnDelete = run(new Command.DeleteObject(ConfigType.VIRTUAL_NETWORK, vn.uuid(), OptionalLong.empty()));
        run(new Command.DeleteObject(ConfigType.PROJECT, project.uuid(), OptionalLong.empty()));

        assertThat(vnDelete.changes()).extracting(ObjectChange::type, ObjectChange::operation).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ConfigType.VIRTUAL_NETWORK, ConfigOperation.DELETED),
                org.assertj.core.groups.Tuple.tuple(ConfigType.ROUTING_INSTANCE, ConfigOperation.DELETED));
        assertThat(vnDelete.releases()).hasAtLeastOneElementOfType(Claim.Id.class);
        assertThat(state.addresses).isEmpty();
        assertThat(state.find(ConfigType.SECURITY_GROUP, List.of("default-domain", "demo", "default"))).isEmpty();
    }

    @Test
    void updateBumpsVersionReportsChangedFieldsAndHonoursIfMatch() {
        demoProject();
        StoredObject vn = network("red", "{'subnet':{'ip_prefix':'10.1.1.0','ip_prefix_len':24}}");

        Decision update = run(new Command.UpdateObject(ConfigType.VIRTUAL_NETWORK, vn.uuid(),
                body("{'display_name':'Red','is_shared':true}"), OptionalLong.of(1)));

        assertThat(update.changes().getFirst().version()).isEqualTo(2);
        assertThat(update.changes().getFirst().changedFields()).containsExactly("display_name", "is_shared");
        assertThatThrownBy(() -> run(new Command.UpdateObject(ConfigType.VIRTUAL_NETWORK, vn.uuid(),
                body("{'is_shared':false}"), OptionalLong.of(1))))
                .isInstanceOf(PreconditionFailedException.class).hasMessageContaining("current version 2");
        assertThat(handler.decide(state, new Command.UpdateObject(ConfigType.VIRTUAL_NETWORK, vn.uuid(),
                body("{'is_shared':true}"), OptionalLong.empty())).changes()).isEmpty();
    }

    @Test
    void refUpdateAddsAndRemovesAPolicyWithItsAttr() {
        demoProject();
        StoredObject vn = network("red", "{'subnet':{'ip_prefix':'10.1.1.0','ip_prefix_len':24}}");
        StoredObject policy = create(ConfigType.NETWORK_POLICY, "{'fq_name':['default-domain','demo','p1'],"
                + "'network_policy_entries':{'policy_rule':[{'direction':'<>','protocol':'tcp',"
                + "'action_list':{'simple_action':'pass'}}]}}");

        run(new Command.UpdateRef(ConfigType.VIRTUAL_NETWORK, vn.uuid(), ConfigType.NETWORK_POLICY,
                Optional.of(policy.uuid()), Optional.empty(), Command.RefOperation.ADD,
                Optional.of(body("{'sequence':{'major':0,'minor':0}}"))));
        StoredObject linked = state.find(vn.uuid()).orElseThrow();
        run(new Command.UpdateRef(ConfigType.VIRTUAL_NETWORK, vn.uuid(), ConfigType.NETWORK_POLICY,
                Optional.empty(), Optional.of(policy.fqName()), Command.RefOperation.DELETE, Optional.empty()));

        assertThat(linked.refsTo(ConfigType.NETWORK_POLICY)).singleElement()
                .satisfies(r -> assertThat(r.attr().orElseThrow().at("/sequence/major").asInt()).isZero());
        assertThat(state.find(vn.uuid()).orElseThrow().refsTo(ConfigType.NETWORK_POLICY)).isEmpty();
        assertThat(state.find(vn.uuid()).orElseThrow().version()).isEqualTo(3);
    }

    @Test
    void anObjectCreatedAgainWithTheUuidOfADeletedOneContinuesItsVersions() {
        demoProject();
        String uuid = "5b0c2a7e-9a1e-4c3b-8d1f-0a1b2c3d4e5f";
        String text = "{'uuid':'" + uuid + "','fq_name':['default-domain','demo','again']}";
        StoredObject first = create(ConfigType.NETWORK_POLICY, text);
        run(new Command.DeleteObject(ConfigType.NETWORK_POLICY, uuid, OptionalLong.empty()));

        StoredObject second = create(ConfigType.NETWORK_POLICY, text);

        assertThat(first.version()).isEqualTo(1);
        assertThat(second.uuid()).isEqualTo(uuid);
        assertThat(second.version()).isEqualTo(3);
    }

    @Test
    void refUpdateDecidesOnTheVersionItReadSoThatACommitAfterAConcurrentChangeConflicts() {
        demoProject();
        StoredObject vn = network("red", "{'subnet':{'ip_prefix':'10.1.1.0','ip_prefix_len':24}}");
        StoredObject policy = create(ConfigType.NETWORK_POLICY, "{'fq_name':['default-domain','demo','p1']}");
        StoredObject newer = new StoredObject(vn.type(), vn.uuid(), vn.fqName(), vn.parentUuid(), 7,
                vn.body().deepCopy().put("display_name", "changed meanwhile"));
        ConfigState racing = new ConfigState() {
            private int reads;

            @Override
            public Optional<StoredObject> find(String uuid) {
                return uuid.equals(vn.uuid()) && reads++ > 0 ? Optional.of(newer) : state.find(uuid);
            }

            @Override
            public Optional<StoredObject> find(ConfigType type, List<String> fqName) {
                return state.find(type, fqName);
            }

            @Override
            public long firstVersion(String uuid) {
                return state.firstVersion(uuid);
            }

            @Override
            public List<RefLink> children(String parentUuid) {
                return state.children(parentUuid);
            }

            @Override
            public List<RefLink> backRefs(String uuid) {
                return state.backRefs(uuid);
            }

            @Override
            public Optional<io.filament.configapi.ipam.IpAddress> freeAddress(
                    io.filament.configapi.ipam.SubnetPlan plan) {
                return state.freeAddress(plan);
            }

            @Override
            public boolean addressTaken(String subnetUuid, io.filament.configapi.ipam.IpAddress address) {
                return state.addressTaken(subnetUuid, address);
            }

            @Override
            public boolean subnetInUse(String subnetUuid) {
                return state.subnetInUse(subnetUuid);
            }

            @Override
            public long freeId(IdPool pool) {
                return state.freeId(pool);
            }
        };

        Decision decision = handler.decide(racing, new Command.UpdateRef(ConfigType.VIRTUAL_NETWORK, vn.uuid(),
                ConfigType.NETWORK_POLICY, Optional.of(policy.uuid()), Optional.empty(), Command.RefOperation.ADD,
                Optional.empty()));

        ObjectChange change = decision.changes().getFirst();
        assertThat(change.version()).isEqualTo(vn.version() + 1);
        assertThat(change.object().get("display_name").asString()).isEqualTo("red");
    }

    @Test
    void boundInterfaceLinksTheHostsVirtualRouterToItsMachineAndUnlinksOnDelete() {
        demoProject();
        StoredObject vn = network("red", "{'subnet':{'ip_prefix':'10.1.1.0','ip_prefix_len':24}}");
        StoredObject router = create(ConfigType.VIRTUAL_ROUTER, "{'fq_name':['default-global-system-config',"
                + "'host1'],'virtual_router_ip_address':'127.0.0.11'}");
        StoredObject vm = create(ConfigType.VIRTUAL_MACHINE, "{'fq_name':['vm1']}");

        StoredObject other = create(ConfigType.VIRTUAL_MACHINE, "{'fq_name':['vm2']}");

        StoredObject vmi = boundInterface("p1", vn, vm, "host1");
        StoredObject otherVmi = boundInterface("p2", vn, other, "host1");

        assertThat(state.find(router.uuid()).orElseThrow().refsTo(ConfigType.VIRTUAL_MACHINE))
                .extracting(RefLink::uuid).containsExactly(vm.uuid(), other.uuid());
        run(new Command.DeleteObject(ConfigType.VIRTUAL_MACHINE_INTERFACE, vmi.uuid(), OptionalLong.empty()));
        assertThat(state.find(router.uuid()).orElseThrow().refsTo(ConfigType.VIRTUAL_MACHINE))
                .extracting(RefLink::uuid).containsExactly(other.uuid());
        run(new Command.DeleteObject(ConfigType.VIRTUAL_MACHINE_INTERFACE, otherVmi.uuid(), OptionalLong.empty()));
        assertThat(state.find(router.uuid()).orElseThrow().refsTo(ConfigType.VIRTUAL_MACHINE)).isEmpty();
    }

    private StoredObject boundInterface(String name, StoredObject vn, StoredObject vm, String host) {
        return create(ConfigType.VIRTUAL_MACHINE_INTERFACE, "{'fq_name':['default-domain','demo','" + name + "'],"
                + "'virtual_network_refs':[{'uuid':'" + vn.uuid() + "'}],'virtual_machine_refs':[{'uuid':'"
                + vm.uuid() + "'}],'virtual_machine_interface_bindings':{'key_value_pair':[{'key':'host_id',"
                + "'value':'" + host + "'}]}}");
    }

    @Test
    void badInputGetsPreciseErrorsAndChangesNothing() {
        demoProject();
        int before = state.objects.size();

        assertRefused(ConfigType.VIRTUAL_NETWORK, "{'fq_name':['default-domain','demo','x'],'bogus':1}",
                BadRequestException.class, "Unknown field 'bogus'");
        assertRefused(ConfigType.VIRTUAL_NETWORK, "{'fq_name':['default-domain','demo','x'],"
                + "'parent_type':'domain'}", BadRequestException.class, "Invalid parent_type domain");
        assertRefused(ConfigType.VIRTUAL_NETWORK, "{'fq_name':['default-domain','nope','x']}",
                NotFoundException.class, "Parent [default-domain, nope]");
        assertRefused(ConfigType.VIRTUAL_NETWORK, "{'fq_name':['default-domain','demo','x'],"
                + "'virtual_network_properties':{'forwarding_mode':'l9'}}", BadRequestException.class,
                "virtual_network_properties.forwarding_mode");
        assertRefused(ConfigType.VIRTUAL_NETWORK, "{'parent_type':'project'}", BadRequestException.class,
                "fq_name is mandatory");
        assertRefused(ConfigType.PROJECT, "{'fq_name':['default-domain','demo']}", ConflictException.class,
                "already exists with uuid");
        assertRefused(ConfigType.VIRTUAL_MACHINE_INTERFACE, "{'fq_name':['default-domain','demo','p']}",
                BadRequestException.class, "virtual_network_refs");
        assertRefused(ConfigType.VIRTUAL_MACHINE_INTERFACE, "{'fq_name':['default-domain','demo','p'],"
                + "'virtual_network_refs':[{'to':['default-domain','demo','none']}]}", NotFoundException.class,
                "virtual-network [default-domain, demo, none] not found");
        assertThat(state.objects).hasSize(before);
    }

    private void assertRefused(ConfigType type, String text, Class<? extends ConfigApiException> error,
                               String message) {
        assertThatThrownBy(() -> handler.decide(state, new Command.CreateObject(type, body(text))))
                .isInstanceOf(error).hasMessageContaining(message);
    }
}
