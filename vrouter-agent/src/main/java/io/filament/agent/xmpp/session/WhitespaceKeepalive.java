package io.filament.agent.xmpp.session;

import org.jivesoftware.smack.packet.Nonza;
import org.jivesoftware.smack.packet.XmlEnvironment;

/**
 * TF's keepalive: whitespace between stanzas, sent every third of the hold time so that the control node's
 * hold timer (reader idleness) does not expire on a quiet agent.
 */
final class WhitespaceKeepalive implements Nonza {

    static final WhitespaceKeepalive INSTANCE = new WhitespaceKeepalive();

    @Override
    public String getElementName() {
        return "keepalive";
    }

    @Override
    public String getNamespace() {
        return "jabber:client";
    }

    @Override
    public CharSequence toXML(XmlEnvironment xmlEnvironment) {
        return " ";
    }
}
