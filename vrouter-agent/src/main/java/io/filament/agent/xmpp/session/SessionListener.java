package io.filament.agent.xmpp.session;

import io.filament.agent.xmpp.wire.ConfigItem;
import io.filament.agent.xmpp.wire.RouteUpdateEvent;

import java.util.List;

/**
 * What a control-node session reports to the agent; must not block long. Session up and down come from the
 * session's thread; config and routes of an established session from Smack's delivery thread, in the order they
 * arrived, never before that session's {@link #sessionUp}.
 */
public interface SessionListener {

    void sessionUp(ControlNodeSession session);

    void sessionDown(ControlNodeSession session, String reason);

    void configReceived(ControlNodeSession session, List<ConfigItem> items);

    void routesReceived(ControlNodeSession session, RouteUpdateEvent event);
}
