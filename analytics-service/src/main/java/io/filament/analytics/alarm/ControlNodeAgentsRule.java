package io.filament.analytics.alarm;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.filament.contracts.status.StatusTable;
import io.filament.analytics.uve.UveChanged;
import io.filament.analytics.uve.UveFilter;
import io.filament.analytics.uve.UveKey;
import io.filament.analytics.uve.UveMerger;
import io.filament.analytics.uve.UveService;
import tools.jackson.databind.JsonNode;

/** A control node that reports {@code BgpRouterState.num_up_xmpp_peer} = 0: no agent is connected to it. */
public final class ControlNodeAgentsRule implements AlarmRule {

    public static final String TYPE = "system-defined-control-node-no-agents";

    private final UveMerger merger = new UveMerger();

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
        return change.key().table() == StatusTable.CONTROL_NODE ? Set.of(change.key()) : Set.of();
    }

    @Override
    public Set<UveKey> subjects(UveService uves) {
        return uves.keys(StatusTable.CONTROL_NODE).stream().map(k -> new UveKey(StatusTable.CONTROL_NODE, k))
                .collect(Collectors.toSet());
    }

    @Override
    public Optional<String> evaluate(UveKey subject, UveService uves, long nowMicros) {
        return uves.contributions(subject).flatMap(c -> {
            JsonNode up = merger.merge(c, UveFilter.FLAT).path("BgpRouterState").path("num_up_xmpp_peer");
            return up.isNumber() && up.longValue() == 0
                    ? Optional.of("control node " + subject.key() + " has no XMPP agent up")
                    : Optional.empty();
        });
    }
}
