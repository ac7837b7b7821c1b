package io.filament.control.xmpp.session;

/** Decides whether an agent may open a session: known credentials and a virtual-router of that name. */
public interface AgentAuthenticator {

    /** SASL PLAIN: the password is right for this host. */
    boolean passwordMatches(String hostname, String password);

    /** The hostname names a virtual-router in the config. */
    boolean isVirtualRouter(String hostname);
}
