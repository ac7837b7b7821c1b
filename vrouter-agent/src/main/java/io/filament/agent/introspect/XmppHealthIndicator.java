package io.filament.agent.introspect;

import io.filament.agent.runtime.AgentRuntime;
import io.filament.agent.xmpp.session.PeerState;
import io.filament.agent.xmpp.session.SessionStatus;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reports the XMPP sessions as detail, never as DOWN: an agent without control nodes keeps forwarding what it
 * programmed (headless), so it is healthy.
 */
@Component("xmpp")
class XmppHealthIndicator implements HealthIndicator {

    private final AgentRuntime runtime;

    XmppHealthIndicator(AgentRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Health health() {
        Map<String, Object> peers = new LinkedHashMap<>();
        long established = 0;
        for (SessionStatus s : runtime.sessions()) {
            boolean up = s.state() == PeerState.ESTABLISHED;
            peers.put(s.peer(), s.state() + (up || s.lastReason().isEmpty() ? "" : " (" + s.lastReason() + ")"));
            established += up ? 1 : 0;
        }
        return Health.up().withDetail("controlNodes", peers).withDetail("established", established)
                .withDetail("headless", established == 0)
                .withDetail("configPeer", runtime.configPeer().orElse("")).build();
    }
}
