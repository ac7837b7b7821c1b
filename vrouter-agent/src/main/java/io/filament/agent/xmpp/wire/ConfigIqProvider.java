package io.filament.agent.xmpp.wire;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.IQProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

import java.io.IOException;

/** Smack provider for {@link ConfigIq}; malformed content surfaces as {@link XmppWireException}. */
public final class ConfigIqProvider extends IQProvider<ConfigIq> {

    @Override
    public ConfigIq parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException {
        return new ConfigIq(ConfigXml.readItems(XmlNodeReader.read(parser)));
    }
}
