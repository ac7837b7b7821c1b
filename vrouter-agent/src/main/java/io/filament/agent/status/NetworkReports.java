package io.filament.agent.status;

import io.filament.agent.dataplane.wire.DataplaneReply;
import io.filament.agent.oper.CompiledAcl;
import io.filament.agent.oper.OperTables;
import io.filament.agent.oper.VmInterface;
import io.filament.contracts.status.Aggregation;
import io.filament.contracts.status.StatusReport;
import io.filament.contracts.status.StatusStruct;
import io.filament.contracts.status.StatusTable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * This host's part of the {@code virtual-network} UVE of every network it has a configured port in:
 * {@code ObjectVNTable:<vn fq name>} with TF's {@code UveVirtualNetworkAgent} — {@code interface_list} (the VMI fq
 * names) and {@code vm_list} (the VM uuids), both unions across hosts; {@code acl} and {@code total_acl_rules} of
 * the network's ACL; and, while the dataplane answers, the traffic of those interfaces declared {@code sum}:
 * {@code in_tpkts}/{@code in_bytes} received from the network's VMs, {@code out_tpkts}/{@code out_bytes} sent to
 * them. Pure: the caller passes the time.
 */
final class NetworkReports {

    static final String STRUCT = "UveVirtualNetworkAgent";
    private static final List<String> COUNTERS = List.of("in_tpkts", "in_bytes", "out_tpkts", "out_bytes");

    private final String source;

    NetworkReports(String source) {
        this.source = source;
    }

    /**
     * One report per network with at least one configured port here, by network fq name.
     *
     * @param vmOf the VM of a port (the port API's {@code instance-id}); a port without one adds no VM
     */
    Map<String, StatusReport> of(OperTables t, Function<UUID, Optional<UUID>> vmOf,
                                 Optional<DataplaneReply.Counters> counters, Instant now) {
        Map<String, List<VmInterface>> byNetwork = new TreeMap<>();
        for (VmInterface i : t.interfaces().values()) {
            if (i.name().isPresent() && !i.virtualNetwork().isEmpty()) {
                byNetwork.computeIfAbsent(i.virtualNetwork(), vn -> new ArrayList<>()).add(i);
            }
        }
        Map<Integer, DataplaneReply.InterfaceCounters> byVif = new HashMap<>();
        counters.ifPresent(c -> c.interfaces().forEach(i -> byVif.put(i.vif(), i)));
        Map<String, StatusReport> reports = new LinkedHashMap<>();
        byNetwork.forEach((vn, interfaces) -> reports.put(vn, StatusReport.update(StatusTable.VIRTUAL_NETWORK, vn,
                source, now, List.of(struct(interfaces, t, vmOf, counters.map(c -> byVif))))));
        return reports;
    }

    private static StatusStruct struct(List<VmInterface> interfaces, OperTables t, Function<UUID, Optional<UUID>> vmOf,
                                       Optional<Map<Integer, DataplaneReply.InterfaceCounters>> byVif) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("interface_list", interfaces.stream().map(i -> i.name().orElseThrow()).sorted().toList());
        TreeSet<String> vms = new TreeSet<>();
        interfaces.forEach(i -> vmOf.apply(i.portId()).ifPresent(vm -> vms.add(vm.toString())));
        a.put("vm_list", List.copyOf(vms));
        Optional<CompiledAcl> acl = interfaces.stream().map(VmInterface::networkAcl).flatMap(Optional::stream)
                .findFirst().map(name -> t.acls().get(name));
        a.put("acl", acl.map(CompiledAcl::name).orElse(""));
        a.put("total_acl_rules", acl.map(c -> c.rules().size()).orElse(0));
        if (byVif.isEmpty()) {
            return StatusStruct.of(STRUCT, a);
        }
        a.putAll(traffic(interfaces, byVif.get()));
        StatusStruct struct = StatusStruct.of(STRUCT, a);
        for (String counter : COUNTERS) {
            struct = struct.declaring(counter, Aggregation.SUM);
        }
        return struct;
    }

    /** The interfaces' counters added up: received from the VMs is {@code in}, sent to them {@code out}. */
    private static Map<String, Long> traffic(List<VmInterface> interfaces,
                                             Map<Integer, DataplaneReply.InterfaceCounters> byVif) {
        long[] sums = new long[COUNTERS.size()];
        for (VmInterface i : interfaces) {
            DataplaneReply.InterfaceCounters c = byVif.get(i.index());
            if (c != null) {
                sums[0] += c.rxPackets();
                sums[1] += c.rxBytes();
                sums[2] += c.txPackets();
                sums[3] += c.txBytes();
            }
        }
        Map<String, Long> traffic = new LinkedHashMap<>();
        for (int k = 0; k < sums.length; k++) {
            traffic.put(COUNTERS.get(k), sums[k]);
        }
        return traffic;
    }
}
