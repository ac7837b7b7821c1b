package io.filament.dataplane.io;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Network namespaces a test creates, all named with one unique prefix, deleted (with everything in them) on
 * {@link #close()}. Names stay short enough for interface names derived from them (IFNAMSIZ 16).
 */
public final class Namespaces implements AutoCloseable {

    private final String prefix;
    private final List<String> created = new ArrayList<>();

    public Namespaces() {
        this.prefix = "fdp" + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
    }

    /** The unique prefix, e.g. {@code fdp1x7}, for namespaces, devices and anything else the test names. */
    public String prefix() {
        return prefix;
    }

    /** Creates {@code <prefix><suffix>} with loopback up. */
    public String create(String suffix) {
        String name = prefix + suffix;
        Shell.run("ip", "netns", "add", name);
        created.add(name);
        Shell.run("ip", "-n", name, "link", "set", "lo", "up");
        return name;
    }

    @Override
    public void close() {
        for (String ns : created.reversed()) {
            Shell.exec(30, "sh", "-c", "ip netns pids " + ns + " | xargs -r kill -9");
            Shell.exec(30, "ip", "netns", "del", ns);
        }
        created.clear();
    }
}
