package io.filament.control.xmpp.it;

import io.filament.control.config.ConfigObject;

import java.net.InetSocketAddress;

/** Entry points for tests outside this package that need a Smack agent or a virtual-router object. */
public final class Fixtures {

    private Fixtures() {
    }

    public static ConfigObject virtualRouter(String host) {
        return ControlNodeFixture.virtualRouter(host);
    }

    public static AutoCloseable smack(InetSocketAddress server, String host, String password) throws Exception {
        return SmackAgent.connect(server, host, password, false);
    }

    public static void subscribeAndPublish(AutoCloseable agent, String instance, String prefix) throws Exception {
        SmackAgent a = (SmackAgent) agent;
        a.subscribe(instance, 1);
        a.publish(instance, prefix, "192.168.0.11", 25, instance.substring(0, instance.lastIndexOf(':')));
    }
}
