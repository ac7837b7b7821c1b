package io.filament.dataplane.io.linux;

import java.util.function.Supplier;

/**
 * A network namespace held open by a file descriptor (a bind mount under {@code /var/run/netns} or
 * {@code /proc/<pid>/ns/net}), which the calling thread can enter for a moment: sockets and TAP devices opened
 * while inside belong to that namespace for good, whichever thread uses them later.
 */
public final class NetworkNamespace implements AutoCloseable {

    private static final String CURRENT = "/proc/thread-self/ns/net";

    private final String path;
    private final int fd;
    private boolean closed;

    private NetworkNamespace(String path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /** Opens the namespace file read-only; throws {@link NativeCallException} (e.g. ENOENT) when it cannot. */
    public static NetworkNamespace open(String path) {
        return new NetworkNamespace(path, Libc.open(path, Libc.O_RDONLY | Libc.O_CLOEXEC));
    }

    public String path() {
        return path;
    }

    /**
     * Runs {@code action} on the calling thread inside this namespace ({@code setns(2)} affects only that thread)
     * and returns the thread to the namespace it was in, also when the action throws.
     *
     * @throws IllegalStateException if the thread cannot return to its namespace (its later sockets would land in
     *                               the wrong one)
     */
    public <T> T enter(Supplier<T> action) {
        int home = Libc.open(CURRENT, Libc.O_RDONLY | Libc.O_CLOEXEC);
        try {
            Libc.setns(fd, Libc.CLONE_NEWNET, "setns(" + path + ")");
            try {
                return action.get();
            } finally {
                returnTo(home);
            }
        } finally {
            Libc.close(home);
        }
    }

    private static void returnTo(int home) {
        try {
            Libc.setns(home, Libc.CLONE_NEWNET, "setns(back)");
        } catch (NativeCallException e) {
            throw new IllegalStateException("thread " + Thread.currentThread().getName()
                    + " could not return to its network namespace", e);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Libc.close(fd);
        }
    }
}
