package io.filament.control.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Loopback convergence benchmark: a control node in its own JVM, {@code agents} simulated agents in this one
 * (one per host, {@code vns} networks, pairs connected), each publishing {@code routes} /32s. Measures the time
 * from the last publish written until every agent holds every route it should (own network's other agents'
 * routes plus the connected network's), and the control node's CPU time and heap per path.
 *
 * <p>Usage: {@code ConvergenceBenchmark <agents> <routes-per-agent> <vns> <port>}
 */
public final class ConvergenceBenchmark {

    private ConvergenceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int agents = Integer.parseInt(args[0]);
        int routes = Integer.parseInt(args[1]);
        int vns = Integer.parseInt(args[2]);
        int port = Integer.parseInt(args[3]);
        Process cn = startControlNode(port, agents, vns);
        BufferedReader cnOut = new BufferedReader(new InputStreamReader(cn.getInputStream()));
        Writer cnIn = new OutputStreamWriter(cn.getOutputStream());
        String ready = awaitLine(cnOut, "READY");
        System.out.println("control node: " + ready);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try {
            int perVn = agents / vns;
            int expected = (perVn - 1) * routes + perVn * routes;
            CountDownLatch converged = new CountDownLatch(agents);
            List<SimulatedAgent> sims = connect(group, port, agents, vns, expected, converged);
            CompletableFuture.allOf(sims.stream().map(s -> s.subscribed).toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            String baseline = report(cnIn, cnOut);
            System.out.println("after " + agents + " sessions subscribed: " + baseline);

            long start = System.nanoTime();
            for (int i = 0; i < agents; i++) {
                sims.get(i).publish(i * routes, routes, "127.1." + (i >> 8) + "." + (i & 0xff), 16);
            }
            long lastPublish = System.nanoTime();
            converged.await(300, TimeUnit.SECONDS);
            long convergedAt = System.nanoTime();
            long missing = sims.stream().filter(s -> s.heldCount.get() < expected).count();
            String after = report(cnIn, cnOut);
            System.out.printf("publishing %d routes took %.3f s%n", agents * routes, (lastPublish - start) / 1e9);
            System.out.printf("convergence after last publish: %.3f s (from first publish %.3f s), agents short of %d routes: %d%n",
                    (convergedAt - lastPublish) / 1e9, (convergedAt - start) / 1e9, expected, missing);
            System.out.println("after convergence: " + after);
            long heap0 = field(baseline, "heap_used");
            long heap1 = field(after, "heap_used");
            long paths = field(after, "paths");
            System.out.printf("control-node CPU during publish+convergence: %.2f s; heap per path: %d bytes (%d paths)%n",
                    (field(after, "cpu_ns") - field(baseline, "cpu_ns")) / 1e9, (heap1 - heap0) / Math.max(1, paths), paths);
        } finally {
            group.shutdownGracefully().syncUninterruptibly();
            cnIn.write("quit\n");
            cnIn.flush();
            if (!cn.waitFor(20, TimeUnit.SECONDS)) {
                cn.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static List<SimulatedAgent> connect(EventLoopGroup group, int port, int agents, int vns, int expected,
                                                CountDownLatch converged) throws InterruptedException {
        List<SimulatedAgent> sims = new ArrayList<>(agents);
        for (int i = 0; i < agents; i++) {
            SimulatedAgent sim = new SimulatedAgent("host" + i, "pw" + i, ControlNodeProcess.instance(i % vns), 1,
                    expected, converged);
            sims.add(sim);
            new Bootstrap().group(group).channel(EpollSocketChannel.class).handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(sim);
                }
            }).connect(new InetSocketAddress("127.0.0.1", port)).sync();
        }
        return sims;
    }

    private static Process startControlNode(int port, int agents, int vns) throws java.io.IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xms512m", "-Xmx2g", "-XX:+UseParallelGC"));
        String extra = System.getProperty("bench.controlNodeJvmArgs", "");
        if (!extra.isBlank()) {
            cmd.addAll(List.of(extra.split(" ")));
        }
        cmd.addAll(List.of(
                "-Dlogback.configurationFile=" + System.getProperty("logback.configurationFile", ""), "-cp",
                System.getProperty("java.class.path"), ControlNodeProcess.class.getName(),
                String.valueOf(port), String.valueOf(agents), String.valueOf(vns)));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static String report(Writer in, BufferedReader out) throws java.io.IOException {
        in.write("report\n");
        in.flush();
        return awaitLine(out, "REPORT");
    }

    private static String awaitLine(BufferedReader out, String prefix) throws java.io.IOException {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new IllegalStateException("control node exited before " + prefix);
    }

    private static long field(String report, String name) {
        for (String part : report.split(" ")) {
            if (part.startsWith(name + "=")) {
                return Long.parseLong(part.substring(name.length() + 1));
            }
        }
        throw new IllegalArgumentException(name + " missing in " + report);
    }
}
