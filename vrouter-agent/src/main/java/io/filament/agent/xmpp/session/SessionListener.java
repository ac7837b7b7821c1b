package io.filament.agent.xmpp.session;

import io.filament.agent.xmpp.wire.ConfigItem;
import io.filament.agent.xmpp.wire.RouteUpdateEvent;

import java.util.List;

/** What a control-node session reports to the agent. Called on the session's thread; must not block long. */
public interface SessionListener {

    void sessionUp(ControlNodeSession session);

    void sessionDown(ControlNodeSession session, String reason);

    void configReceived(ControlNodeSession session, List<ConfigItem> items);

    void routesReceived(ControlNodeSession session, RouteUpdateEvent event);
}
