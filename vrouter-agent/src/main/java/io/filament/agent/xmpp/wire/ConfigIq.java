package io.filament.agent.xmpp.wire;

import org.jivesoftware.smack.packet.IQ;

import java.util.List;

/**
 * A control node's config push: {@code <iq type="set"><config><update|delete>…</config></iq>}, TF's IF-MAP over
 * XMPP. Carries up to 16 objects; never acknowledged.
 */
public final class ConfigIq extends IQ {

    public static final String ELEMENT = "config";
    /** TF sends {@code <config>} without a namespace of its own: it inherits the stream's. */
    public static final String NAMESPACE = "jabber:client";

    private final List<ConfigItem> items;

    public ConfigIq(List<ConfigItem> items) {
        super(ELEMENT, NAMESPACE);
        this.items = List.copyOf(items);
        setType(Type.set);
    }

    public List<ConfigItem> items() {
        return items;
    }

    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
        xml.rightAngleBracket();
        StringBuilder body = new StringBuilder();
        ConfigXml.writeItems(body, items);
        xml.append(body);
        return xml;
    }
}
