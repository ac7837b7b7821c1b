package io.filament.e2e;

import io.filament.cli.demo.DemoScenario;
import io.filament.cli.fabric.FabricIntent;
import io.filament.cli.infra.InfraException;
import io.filament.cli.infra.InfraNode;
import io.filament.cli.infra.ReadinessWait;
import io.filament.cli.infra.Workspace;
import io.filament.cli.netns.Netns;
import io.filament.cli.stack.LocalStack;
import io.filament.cli.stack.ServiceNode;
import io.filament.cli.stack.StackLayout;
import io.filament.testsupport.RepositoryRoot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The local stack shared by every end-to-end test class of a run, with the namespaces the tests made: a test
 * creates its VM namespaces here and deletes them itself; whatever is left when the run ends is deleted with
 * the stack's services.
 */
public final class RunningStack implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Duration RESTART_TIMEOUT = Duration.ofSeconds(240);

    private final Workspace workspace;
    private final LocalStack stack;
    private final ByteArrayOutputStream progress;
    private final PrintStream out;
    private final Duration readyAfter;
    private final Set<String> adopted;
    private final Set<String> namespaces = new LinkedHashSet<>();

    private RunningStack(Workspace workspace, LocalStack stack, ByteArrayOutputStream progress, PrintStream out,
                         Duration readyAfter, Set<String> adopted) {
        this.workspace = workspace;
        this.stack = stack;
        this.progress = progress;
        this.out = out;
        this.readyAfter = readyAfter;
        this.adopted = Set.copyOf(adopted);
    }

    /**
     * Starts the whole stack and waits until it is healthy. Services this checkout already runs (a
     * {@code bin/filament up} left running) are adopted as they are and left running at the end.
     */
    static RunningStack start() {
        Workspace workspace = new Workspace(RepositoryRoot.find());
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(progress, true, StandardCharsets.UTF_8);
        LocalStack stack = LocalStack.standard(workspace, Clock.systemUTC(), out);
        Set<String> adopted = new LinkedHashSet<>();
        stack.services().stream().filter(s -> s.process().running().isPresent()).forEach(s -> adopted.add(s.name()));
        if (stack.prometheus().process().running().isPresent()) {
            adopted.add(stack.prometheus().name());
        }
        try {
            Duration ready = stack.up();
            return new RunningStack(workspace, stack, progress, out, ready, adopted);
        } catch (RuntimeException | LinkageError e) {
            // a half-started stack is stopped whatever broke the start (a stale class on the classpath included)
            stopStarted(stack, adopted);
            throw new InfraException(e.getMessage() + "\nprogress so far:\n" + progress.toString(StandardCharsets.UTF_8), e);
        }
    }

    public Workspace workspace() {
        return workspace;
    }

    public List<ServiceNode> services() {
        return stack.services();
    }

    public ServiceNode service(String name) {
        return stack.services().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the local stack has no service named " + name));
    }

    /** What {@link LocalStack#up()} printed: a line per service and the time to ready. */
    public String progress() {
        return progress.toString(StandardCharsets.UTF_8);
    }

    public Duration readyAfter() {
        return readyAfter;
    }

    public FabricIntent intent() {
        return new FabricIntent(DemoScenario.configApi());
    }

    /** The fabric address of a simulated host ({@code host1} → 127.0.0.11). */
    public static String fabricAddress(String host) {
        return StackLayout.HOSTS.stream().filter(h -> h.name().equals(host)).findFirst()
                .map(StackLayout.SimulatedHost::fabricAddress)
                .orElseThrow(() -> new IllegalArgumentException("no simulated host named " + host));
    }

    /** Creates (or re-creates) a namespace and remembers it so that the end of the run removes it at the latest. */
    public synchronized Netns createNamespace(String name) {
        if (!name.startsWith("fil-")) {
            throw new IllegalArgumentException("end-to-end namespaces are named fil-*, not " + name);
        }
        namespaces.add(name);
        return Netns.create(name);
    }

    /** Stops one service: SIGTERM, then SIGKILL after a grace period. */
    public void stop(String name) {
        service(name).process().stop(STOP_GRACE);
        out.printf("  %-20s stopped%n", name);
    }

    /** Starts one stopped service from its jar and waits until its health endpoint answers; returns its pid. */
    public long start(String name) {
        ServiceNode service = service(name);
        service.start();
        List<InfraNode> nodes = List.of(service);
        new ReadinessWait(Clock.systemUTC(), out).await(nodes, Clock.systemUTC().instant(), RESTART_TIMEOUT);
        return service.process().running().orElseThrow(() -> new InfraException(name + " is not running after its start"))
                .pid();
    }

    /** {@link #stop} then {@link #start}; returns the new process's pid. */
    public long restart(String name) {
        stop(name);
        return start(name);
    }

    private static void stopStarted(LocalStack stack, Set<String> adopted) {
        if (!adopted.contains(stack.prometheus().name())) {
            stack.prometheus().process().stop(STOP_GRACE);
        }
        for (ServiceNode service : stack.services().reversed()) {
            if (!adopted.contains(service.name())) {
                service.process().stop(STOP_GRACE);
            }
        }
    }

    /** The namespaces created through this stack that still exist. */
    public synchronized List<String> remainingNamespaces() {
        return namespaces.stream().filter(n -> new Netns(n).exists()).toList();
    }

    /**
     * Deletes what the tests left behind, then stops every service this run started, hosts first (the
     * infrastructure keeps running).
     */
    @Override
    public synchronized void close() {
        for (String name : namespaces) {
            new Netns(name).delete();
        }
        stopStarted(stack, adopted);
        List<String> left = remainingNamespaces();
        if (!left.isEmpty()) {
            throw new IllegalStateException("namespaces still present after the end-to-end run: " + left);
        }
    }
}
