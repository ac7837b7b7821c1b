package io.filament.control.bench;

import io.filament.control.ControlNode;
import io.filament.control.config.ConfigObject;
import io.filament.control.rib.RoutingInstanceSpec;
import io.filament.control.xmpp.peer.PeerLimits;
import io.filament.control.xmpp.session.SessionSettings;
import io.filament.control.xmpp.wire.StanzaLimits;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The control node under benchmark, alone in its JVM: {@code agents} virtual-routers and {@code vns} networks
 * (pairs 2k/2k+1 connected), listening on 127.0.0.1:{@code port}. Answers {@code report} on stdin with one line
 * of process CPU time, heap in use after a full GC, paths and sessions.
 */
public final class ControlNodeProcess {

    private ControlNodeProcess() {
    }

    public static String instance(int vn) {
        return "default-domain:bench:vn" + vn + ":vn" + vn;
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int agents = Integer.parseInt(args[1]);
        int vns = Integer.parseInt(args[2]);
        Path secrets = Files.createTempFile("bench-agents", "");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < agents; i++) {
            lines.append("host").append(i).append(":pw").append(i).append('\n');
        }
        Files.writeString(secrets, lines);
        try (ControlNode node = ControlNode.start(new ControlNode.Settings(new InetSocketAddress("127.0.0.1", port),
                new SessionSettings("contrailsystems.com", false, false, false, Duration.ofSeconds(90)),
                StanzaLimits.DEFAULT, PeerLimits.DEFAULT, secrets, Optional.empty(), Optional.empty(),
                Duration.ofSeconds(2), Duration.ZERO, 2), Clock.systemUTC())) {
            node.config().change(g -> {
                for (int i = 0; i < agents; i++) {
                    g.put(new ConfigObject("virtual-router", "vr" + i, 1, List.of("default-global-system-config", "host" + i),
                            Optional.of("global-system-config"), new TreeMap<>(), List.of()));
                }
            }).join();
            for (int vn = 0; vn < vns; vn++) {
                String own = "target:64512:" + (8000000 + vn);
                String peer = "target:64512:" + (8000000 + (vn ^ 1));
                node.rib().applySpec(new RoutingInstanceSpec(instance(vn), "default-domain:bench:vn" + vn,
                        vn + 1 < vns || vn % 2 == 1 ? Set.of(own, peer) : Set.of(own), Set.of(own))).join();
            }
            System.out.println("READY " + node.xmppAddress().getPort());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
            for (String cmd = in.readLine(); cmd != null && !cmd.equals("quit"); cmd = in.readLine()) {
                if (cmd.equals("report")) {
                    System.gc();
                    System.gc();
                    var mem = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                    System.out.println("REPORT cpu_ns=" + os.getProcessCpuTime() + " heap_used=" + mem.getUsed()
                            + " paths=" + node.rib().pathCount() + " sessions=" + node.peers().establishedCount()
                            + " items_sent=" + node.counters().routeItemsSent.get()
                            + " messages_sent=" + node.counters().updateMessagesSent.get());
                }
            }
        }
    }
}
