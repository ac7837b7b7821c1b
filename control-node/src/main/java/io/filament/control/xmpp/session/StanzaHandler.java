package io.filament.control.xmpp.session;

import io.filament.control.xmpp.wire.XmlElement;

/** The layer above an established session: the agent peer. Called on the session's event loop. */
public interface StanzaHandler {

    void established(EstablishedSession session);

    void stanza(XmlElement stanza);

    void closed(StateChangeReason reason);
}
