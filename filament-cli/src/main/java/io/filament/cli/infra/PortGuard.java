package io.filament.cli.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Checks that a TCP port is free before a service is started on it, and names whoever holds it if not. */
public final class PortGuard {

    private PortGuard() {
    }

    public static void requireFree(String host, int port, String purpose) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            String holder = holderOf(host, port).map(h -> " by " + h).orElse(" by another process");
            throw new InfraException("port " + host + ":" + port + " (" + purpose + ") is held" + holder
                    + "; stop it or free the port, then retry");
        }
    }

    /**
     * The pid and command line of the process listening on {@code host}'s port (or on every address), read from /proc
     * (best effort).
     */
    static Optional<String> holderOf(String host, int port) {
        try {
            Optional<String> inode = listeningInode(procAddress(host), port);
            if (inode.isEmpty()) {
                return Optional.empty();
            }
            String target = "socket:[" + inode.get() + "]";
            try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
                for (Path proc : procs) {
                    if (holdsSocket(proc, target)) {
                        String cmd = Files.readString(proc.resolve("cmdline")).replace('\0', ' ').trim();
                        return Optional.of("pid " + proc.getFileName() + " (" + abbreviate(cmd) + ")");
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<String> listeningInode(Optional<String> address, int port) throws IOException {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table)).stream().skip(1).toList()) {
                String[] f = line.trim().split("\\s+");
                if (f[1].endsWith(hexPort) && f[3].equals("0A")
                        && listensOn(f[1].substring(0, f[1].length() - hexPort.length()), address)) {
                    return Optional.of(f[9]);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a listening socket's local address as /proc/net/tcp{,6} shows it (hex, each 32-bit word in host byte
     * order) covers {@code address} (the same form of an IPv4 address; empty: any): the address itself, its
     * IPv4-mapped IPv6 form, or the wildcard.
     */
    static boolean listensOn(String local, Optional<String> address) {
        return address.isEmpty() || local.chars().allMatch(c -> c == '0') || local.equals(address.get())
                || local.equals("0000000000000000FFFF0000" + address.get());
    }

    /** An IPv4 address as /proc/net/tcp shows it (little-endian hex); empty when it is not one. */
    static Optional<String> procAddress(String host) {
        try {
            byte[] b = InetAddress.getByName(host).getAddress();
            if (b.length != 4) {
                return Optional.empty();
            }
            return Optional.of(String.format(Locale.ROOT, "%02X%02X%02X%02X", b[3], b[2], b[1], b[0]));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean holdsSocket(Path proc, String target) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
            for (Path fd : fds) {
                if (Files.isSymbolicLink(fd) && Files.readSymbolicLink(fd).toString().equals(target)) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    private static String abbreviate(String cmd) {
        return cmd.length() <= 80 ? cmd : cmd.substring(0, 77) + "...";
    }
}
