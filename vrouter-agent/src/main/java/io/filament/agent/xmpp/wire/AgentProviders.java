package io.filament.agent.xmpp.wire;

import org.jivesoftware.smack.provider.ProviderManager;

/** Registers the agent's Smack providers: config iqs and route update events in TF's namespaces. */
public final class AgentProviders {

    private AgentProviders() {
    }

    public static void register() {
        ConfigIqProvider config = new ConfigIqProvider();
        ProviderManager.addIQProvider(ConfigIq.ELEMENT, ConfigIq.NAMESPACE, config);
        ProviderManager.addExtensionProvider(RouteUpdateEvent.ELEMENT, RouteUpdateEvent.NAMESPACE,
                new RouteUpdateEventProvider());
    }
}
