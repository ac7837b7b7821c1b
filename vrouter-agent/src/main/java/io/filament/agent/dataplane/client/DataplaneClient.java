package io.filament.agent.dataplane.client;

import io.filament.agent.dataplane.wire.ControlFrames;
import io.filament.agent.dataplane.wire.DataplaneDecodeException;
import io.filament.agent.dataplane.wire.DataplaneReply;
import io.filament.agent.dataplane.wire.DataplaneRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connection to the dataplane's control socket (a Unix domain socket): requests are written in order,
 * replies are matched by request id on a reader thread, and every call waits at most its timeout. When the
 * socket closes, pending calls fail and {@link #isOpen()} turns false; the owner reconnects.
 */
public final class DataplaneClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DataplaneClient.class);

    private final SocketChannel channel;
    private final Map<Integer, CompletableFuture<DataplaneReply>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Thread reader;
    private volatile boolean open = true;

    private DataplaneClient(SocketChannel channel, String name) {
        this.channel = channel;
        this.reader = Thread.ofPlatform().daemon().name("dataplane-reader-" + name).start(this::readLoop);
    }

    public static DataplaneClient connect(Path socket) throws IOException {
        SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            c.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            c.close();
            throw e;
        }
        return new DataplaneClient(c, socket.getFileName().toString());
    }

    public boolean isOpen() {
        return open;
    }

    /** Sends a request and waits for the reply; an error reply becomes a {@link DataplaneException}. */
    public DataplaneReply call(DataplaneRequest request, Duration timeout) throws DataplaneException {
        return await(request, send(List.of(request)).getFirst(), timeout);
    }

    /** A request the dataplane refused, and its error. */
    public record Refusal(DataplaneRequest request, DataplaneException error) {
    }

    /**
     * Sends the requests back to back, at most {@code window} unanswered at a time, and waits for their replies
     * in order: one round trip per window instead of one per request, and each window goes out in one write, so
     * the dataplane reads it at once and flushes all its replies together. The dataplane handles them in order.
     * A refused request (an error reply: nothing changed for it) does not hold up the ones after it: every window
     * is still sent, and the refusals are returned, in order, once all are answered; every other request was
     * applied. A timeout or a broken socket fails the call at once.
     */
    public List<Refusal> applyAll(List<DataplaneRequest> requests, int window, Duration timeout)
            throws DataplaneException {
        List<Refusal> refusals = new ArrayList<>();
        for (int from = 0; from < requests.size(); from += window) {
            List<DataplaneRequest> slice = requests.subList(from, Math.min(requests.size(), from + window));
            List<CompletableFuture<DataplaneReply>> replies = send(slice);
            for (int i = 0; i < slice.size(); i++) {
                try {
                    await(slice.get(i), replies.get(i), timeout);
                } catch (DataplaneException e) {
                    if (e.refusal().isEmpty()) {
                        throw e;
                    }
                    refusals.add(new Refusal(slice.get(i), e));
                }
            }
        }
        return refusals;
    }

    /** {@link #applyAll}, with the first refusal thrown once every request is answered. */
    public void callAll(List<DataplaneRequest> requests, int window, Duration timeout) throws DataplaneException {
        List<Refusal> refusals = applyAll(requests, window, timeout);
        if (!refusals.isEmpty()) {
            throw refusals.getFirst().error();
        }
    }

    private static DataplaneReply await(DataplaneRequest request, CompletableFuture<DataplaneReply> reply,
                                        Duration timeout) throws DataplaneException {
        try {
            DataplaneReply r = reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (r instanceof DataplaneReply.Error e) {
                throw new DataplaneException(request.getClass().getSimpleName(), e);
            }
            return r;
        } catch (TimeoutException e) {
            throw new DataplaneException("no reply to " + request.getClass().getSimpleName() + " within "
                    + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw new DataplaneException(request.getClass().getSimpleName() + " failed: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataplaneException("interrupted waiting for " + request.getClass().getSimpleName(), e);
        }
    }

    /** Registers a reply for each request and writes all their frames with one gathering write. */
    private List<CompletableFuture<DataplaneReply>> send(List<DataplaneRequest> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        List<CompletableFuture<DataplaneReply>> replies = new ArrayList<>(requests.size());
        List<Integer> sent = new ArrayList<>(requests.size());
        ByteBuffer[] frames = new ByteBuffer[requests.size()];
        for (int i = 0; i < frames.length; i++) {
            int id = ids.incrementAndGet();
            CompletableFuture<DataplaneReply> reply = new CompletableFuture<>();
            pending.put(id, reply);
            replies.add(reply);
            sent.add(id);
            frames[i] = ByteBuffer.wrap(ControlFrames.encode(id, requests.get(i)));
        }
        try {
            synchronized (channel) {
                while (frames[frames.length - 1].hasRemaining()) {
                    channel.write(frames);
                }
            }
        } catch (IOException e) {
            sent.forEach(pending::remove);
            replies.forEach(r -> r.completeExceptionally(e));
            closeQuietly("write failed: " + e.getMessage());
        }
        return replies;
    }

    private void readLoop() {
        ByteBuffer header = ByteBuffer.allocate(4);
        try {
            while (open) {
                header.clear();
                readFully(header);
                int length = header.flip().getInt();
                if (length < 5 || length > ControlFrames.MAX_REPLY_BYTES) {
                    throw new DataplaneDecodeException("length", length, "outside 5.." + ControlFrames.MAX_REPLY_BYTES);
                }
                ByteBuffer body = ByteBuffer.allocate(length);
                readFully(body);
                ControlFrames.Reply reply = ControlFrames.decode(body.flip());
                CompletableFuture<DataplaneReply> f = pending.remove(reply.requestId());
                if (f != null) {
                    f.complete(reply.reply());
                }
            }
        } catch (IOException | DataplaneDecodeException e) {
            closeQuietly(e.getMessage());
        }
    }

    private void readFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (channel.read(b) < 0) {
                throw new IOException("control socket closed by the dataplane");
            }
        }
    }

    private void closeQuietly(String reason) {
        if (!open) {
            return;
        }
        open = false;
        log.info("dataplane control socket closed: {}", reason);
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("closing the control socket: {}", e.getMessage());
        }
        IOException closed = new IOException("control socket closed: " + reason);
        pending.values().forEach(f -> f.completeExceptionally(closed));
        pending.clear();
    }

    @Override
    public void close() {
        closeQuietly("agent closing");
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
