package io.filament.analytics.alarm;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import io.filament.analytics.status.StructPart;
import io.filament.contracts.status.StatusTable;
import io.filament.analytics.uve.UveChanged;
import io.filament.analytics.uve.UveContributions;
import io.filament.analytics.uve.UveKey;
import io.filament.analytics.uve.UveService;
import tools.jackson.databind.JsonNode;

/**
 * A vrouter without an established XMPP session. The control nodes' view ({@code ObjectXmppPeerInfo:<host>},
 * {@code XmppPeerInfoData.state_info.state}) decides when present, since they hold the sessions; otherwise the
 * agent's own {@code VrouterAgent.xmpp_peer_list} entries with {@code status: true}.
 */
public final class XmppConnectivityRule implements AlarmRule {

    public static final String TYPE = "system-defined-xmpp-connectivity";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int severity() {
        return 1;
    }

    @Override
    public Set<UveKey> affected(UveChanged change) {
        StatusTable table = change.key().table();
        return table == StatusTable.VROUTER || table == StatusTable.XMPP_PEER
                ? Set.of(new UveKey(StatusTable.VROUTER, change.key().key())) : Set.of();
    }

    @Override
    public Set<UveKey> subjects(UveService uves) {
        Set<UveKey> subjects = new HashSet<>();
        uves.keys(StatusTable.VROUTER).forEach(k -> subjects.add(new UveKey(StatusTable.VROUTER, k)));
        uves.keys(StatusTable.XMPP_PEER).forEach(k -> subjects.add(new UveKey(StatusTable.VROUTER, k)));
        return subjects;
    }

    @Override
    public Optional<String> evaluate(UveKey subject, UveService uves, long nowMicros) {
        Optional<UveContributions> sessions = uves.contributions(new UveKey(StatusTable.XMPP_PEER, subject.key()));
        if (sessions.isPresent()) {
            for (var entry : sessions.get().bySource().entrySet()) {
                StructPart info = entry.getValue().get("XmppPeerInfoData");
                if (info != null && "established".equalsIgnoreCase(info.attributes().path("state_info").path("state").asString(""))) {
                    return Optional.empty();
                }
            }
            return Optional.of("no control node reports an Established XMPP session with " + subject.key());
        }
        Optional<UveContributions> vrouter = uves.contributions(subject);
        if (vrouter.isEmpty()) {
            return Optional.empty();
        }
        boolean reportsPeers = false;
        for (var structs : vrouter.get().bySource().values()) {
            StructPart agent = structs.get("VrouterAgent");
            if (agent != null && agent.attributes().has("xmpp_peer_list")) {
                reportsPeers = true;
                for (JsonNode peer : agent.attributes().get("xmpp_peer_list")) {
                    if (peer.path("status").asBoolean(false)) {
                        return Optional.empty();
                    }
                }
            }
        }
        return reportsPeers ? Optional.of("vrouter " + subject.key() + " reports no XMPP peer up")
                : Optional.empty();
    }
}
