package io.filament.control.xmpp.session;

/** What the session asks of its transport. Implemented by the Netty handler; all calls on its event loop. */
public interface SessionIo {

    void write(String xml);

    /** Installs TLS in server mode and passes {@code proceed} through unencrypted. */
    void startTls(String proceed);

    /** A new stream begins after TLS or SASL: the parser starts over. */
    void restartStream();

    /** Flushes and closes the connection. */
    void close();

    String remoteAddress();

    void execute(Runnable task);
}
