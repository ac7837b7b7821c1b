package io.filament.dataplane.io.linux;

/** A failed system call, with its errno and the C library's text for it. */
public final class NativeCallException extends RuntimeException {

    private final int errno;

    public NativeCallException(String call, int errno, String text) {
        super(call + " failed: " + text + " (errno " + errno + ")");
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
