package io.filament.control.xmpp.session;

/** What the peer layer gets from a bound session: the agent's identity and a way to write. */
public interface EstablishedSession {

    String hostname();

    /** Full JID of the agent, {@code <hostname>@<domain>/<resource>}. */
    String jid();

    String remoteAddress();

    void write(String xml);

    /** Runs a task on the session's event loop (where writes and stanza handling happen). */
    void execute(Runnable task);

    /** Sends a stream error and closes, e.g. when the agent breaks a limit. */
    void fail(io.filament.control.xmpp.wire.StreamErrorCondition condition, String text);
}
