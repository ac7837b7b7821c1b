package io.filament.agent.xmpp.wire;

import org.jivesoftware.smack.packet.IQ;
import org.jxmpp.jid.Jid;

/** An agent → control node {@code <iq type="set"><pubsub>…</pubsub></iq>}; TF's control node does not answer it. */
public final class PubSubIq extends IQ {

    public static final String ELEMENT = "pubsub";
    public static final String NAMESPACE = "http://jabber.org/protocol/pubsub";

    private final PubSubRequest request;

    public PubSubIq(Jid to, String id, PubSubRequest request) {
        super(ELEMENT, NAMESPACE);
        this.request = request;
        setType(Type.set);
        setTo(to);
        setStanzaId(id);
    }

    public PubSubRequest request() {
        return request;
    }

    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
        xml.rightAngleBracket();
        StringBuilder body = new StringBuilder();
        request.write(body);
        xml.append(body);
        return xml;
    }
}
