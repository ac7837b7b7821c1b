package io.filament.agent.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * One {@code POST /port} as a CNI or Nova plugin sends it: a fresh HTTP/1.1 connection, the request written by the
 * calling thread, {@code Connection: close}. The answer is read on a thread of its own, which notes the
 * {@link System#nanoTime()} at which the status line arrived, so the caller can go on measuring meanwhile.
 */
final class PortApiPost {

    /** When the status line was read, and the status. */
    record Answer(long at, int status, String response) {
    }

    private PortApiPost() {
    }

    /** Connects, writes the request and returns; the future completes with the answer. */
    static CompletableFuture<Answer> send(int port, String body) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            String head = "POST /port HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + content.length + "\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            byte[] head1 = head.getBytes(StandardCharsets.US_ASCII);
            byte[] request = new byte[head1.length + content.length];
            System.arraycopy(head1, 0, request, 0, head1.length);
            System.arraycopy(content, 0, request, head1.length, content.length);
            out.write(request);
            out.flush();
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("port-api-answer").start(() -> read(socket, answer));
        return answer;
    }

    private static void read(Socket socket, CompletableFuture<Answer> answer) {
        try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.ISO_8859_1))) {
            String status = in.readLine();
            long at = System.nanoTime();
            if (status == null || !status.startsWith("HTTP/1.1 ") || status.length() < 12) {
                throw new IOException("not an HTTP/1.1 status line: " + status);
            }
            StringBuilder rest = new StringBuilder();
            for (String line = in.readLine(); line != null && rest.length() < 65_536; line = in.readLine()) {
                rest.append(line).append('\n');
            }
            answer.complete(new Answer(at, Integer.parseInt(status.substring(9, 12)), rest.toString()));
        } catch (IOException | RuntimeException e) {
            answer.completeExceptionally(e);
        }
    }
}
