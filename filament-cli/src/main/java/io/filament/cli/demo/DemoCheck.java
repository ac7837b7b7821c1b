package io.filament.cli.demo;

/** One reachability check of the demo: what was tried, what was expected and what happened. */
public record DemoCheck(String what, String from, String to, boolean expectReachable, int sent, int received,
                        double medianMillis) {

    public boolean passed() {
        return expectReachable ? received > 0 : received == 0;
    }

    public String outcome() {
        return (expectReachable ? "reachable" : "blocked") + (passed() ? "" : " expected, got "
                + (received > 0 ? "reachable" : "blocked"));
    }
}
