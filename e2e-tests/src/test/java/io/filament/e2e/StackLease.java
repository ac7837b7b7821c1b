package io.filament.e2e;

/**
 * The outcome of starting the shared stack once: the running stack, or why it could not start. Closing it
 * (at the end of the test run) stops the stack.
 */
final class StackLease implements AutoCloseable {

    private final RunningStack stack;
    private final RuntimeException failure;

    private StackLease(RunningStack stack, RuntimeException failure) {
        this.stack = stack;
        this.failure = failure;
    }

    static StackLease start() {
        try {
            return new StackLease(RunningStack.start(), null);
        } catch (RuntimeException e) {
            return new StackLease(null, e);
        }
    }

    RunningStack stack() {
        if (failure != null) {
            throw new IllegalStateException("the shared local stack did not start: " + failure.getMessage(), failure);
        }
        return stack;
    }

    @Override
    public void close() {
        if (stack != null) {
            stack.close();
        }
    }
}
