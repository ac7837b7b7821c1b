package io.filament.agent.status;

import io.filament.agent.dataplane.wire.DataplaneReply;
import io.filament.agent.ifmap.ConfigVersion;
import io.filament.agent.oper.OperTables;
import io.filament.agent.oper.Vrf;
import io.filament.agent.oper.VmInterface;
import io.filament.agent.xmpp.session.PeerState;
import io.filament.agent.xmpp.session.SessionStatus;
import io.filament.contracts.net.IpAddress;
import io.filament.contracts.status.StatusReport;
import io.filament.contracts.status.StatusStruct;
import io.filament.contracts.status.StatusTable;
import io.filament.contracts.status.StatusTime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * This host's UVEs from the agent's state, with TF's struct and attribute names: {@code ObjectVRouter:<host>}
 * ({@code VrouterAgent}, and {@code VrouterStatsAgent} with its counters declared {@code sum} while the
 * dataplane answers), {@code ObjectVMITable:<vmi fq name>} ({@code UveVMInterfaceAgent}) per configured port, and
 * {@code ObjectConfigRealisation:<type>:<uuid>} ({@code ConfigRealisation.realised_version}) per config object the
 * dataplane holds the state of. Pure: the caller passes the time.
 */
final class VrouterReports {

    private final String host;
    private final String source;
    private final String fabricAddress;
    private final String buildInfo;

    VrouterReports(String host, String fabricAddress, String buildInfo) {
        this.host = host;
        this.source = "agent/" + host;
        this.fabricAddress = fabricAddress;
        this.buildInfo = buildInfo;
    }

    String source() {
        return source;
    }

    StatusReport vrouter(OperTables t, List<SessionStatus> sessions, Optional<String> configPeer,
                         Optional<DataplaneReply.Counters> counters, Instant now) {
        List<StatusStruct> structs = new ArrayList<>();
        structs.add(StatusStruct.of("VrouterAgent", agent(t, sessions, configPeer)));
        counters.ifPresent(c -> structs.add(StatusStruct.of("VrouterStatsAgent", stats(c)).countersSummed()));
        return StatusReport.update(StatusTable.VROUTER, host, source, now, structs);
    }

    /** The port's UVE; empty while it has no config (its fq name, the UVE key, comes from config). */
    Optional<StatusReport> vmi(VmInterface i, OperTables t, Instant now) {
        return i.name().map(name -> StatusReport.update(StatusTable.VIRTUAL_MACHINE_INTERFACE, name, source, now,
                List.of(StatusStruct.of("UveVMInterfaceAgent", vmiAttributes(i, t)))));
    }

    /** Config versions the dataplane holds, newest per object, by realisation key. */
    static Map<String, Long> realised(OperTables programmed) {
        Map<String, Long> versions = new TreeMap<>();
        for (VmInterface i : programmed.interfaces().values()) {
            for (ConfigVersion v : i.configVersions()) {
                versions.merge(v.realisationKey(), v.version(), Math::max);
            }
        }
        return versions;
    }

    StatusReport realisation(String key, long version, Instant now) {
        return StatusReport.update(StatusTable.CONFIG_OBJECT, key, source, now,
                List.of(StatusStruct.of("ConfigRealisation", Map.of("realised_version", version))));
    }

    StatusReport realisationWithdrawn(String key, Instant now) {
        return withdrawn(StatusTable.CONFIG_OBJECT, key, now);
    }

    StatusReport vmiWithdrawn(String name, Instant now) {
        return withdrawn(StatusTable.VIRTUAL_MACHINE_INTERFACE, name, now);
    }

    /** This agent withdraws its whole part of {@code <table>:<key>}. */
    StatusReport withdrawn(StatusTable table, String key, Instant now) {
        return StatusReport.withdrawal(table, key, source, now);
    }

    private Map<String, Object> agent(OperTables t, List<SessionStatus> sessions, Optional<String> configPeer) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("interface_list", t.interfaces().values().stream().map(VmInterface::tapName).sorted().toList());
        List<Map<String, Object>> peers = new ArrayList<>();
        for (SessionStatus s : sessions) {
            boolean up = s.state() == PeerState.ESTABLISHED;
            Map<String, Object> peer = new LinkedHashMap<>();
            peer.put("ip", s.peer().substring(0, Math.max(0, s.peer().lastIndexOf(':'))));
            peer.put("status", up);
            peer.put("setup_time", up ? StatusTime.micros(s.since()) : 0L);
            peer.put("primary", configPeer.filter(s.peer()::equals).isPresent());
            peers.add(peer);
        }
        a.put("xmpp_peer_list", peers);
        a.put("build_info", buildInfo);
        a.put("control_ip", fabricAddress);
        a.put("total_interface_count", t.interfaces().size());
        a.put("down_interface_count", t.interfaces().values().stream().filter(i -> !i.active()).count());
        a.put("vn_count", t.interfaces().values().stream().map(VmInterface::virtualNetwork)
                .filter(vn -> !vn.isEmpty()).distinct().count());
        return a;
    }

    private static Map<String, Object> stats(DataplaneReply.Counters c) {
        long inPackets = c.fabric().rxPackets();
        long inBytes = c.fabric().rxBytes();
        long outPackets = c.fabric().txPackets();
        long outBytes = c.fabric().txBytes();
        for (DataplaneReply.InterfaceCounters i : c.interfaces()) {
            inPackets += i.rxPackets();
            inBytes += i.rxBytes();
            outPackets += i.txPackets();
            outBytes += i.txBytes();
        }
        Map<String, Long> drops = new TreeMap<>();
        c.drops().forEach(d -> drops.merge(DropStatNames.of(d.reason()), d.packets(), Long::sum));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("in_tpkts", inPackets);
        s.put("in_bytes", inBytes);
        s.put("out_tpkts", outPackets);
        s.put("out_bytes", outBytes);
        s.put("raw_drop_stats", drops);
        return s;
    }

    private Map<String, Object> vmiAttributes(VmInterface i, OperTables t) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("name", i.name().orElseThrow());
        a.put("vrouter", host);
        a.put("virtual_network", i.virtualNetwork());
        a.put("ip_address", i.address().map(IpAddress::toString).orElse(""));
        a.put("mac_address", i.mac().toString());
        a.put("active", i.active());
        a.put("vrf_name", i.vrfIndex().flatMap(index -> t.vrfs().values().stream()
                .filter(v -> v.index() == index).map(Vrf::name).findFirst()).orElse(""));
        a.put("label", i.label().orElse(-1));
        a.put("tap_name", i.tapName());
        return a;
    }
}
