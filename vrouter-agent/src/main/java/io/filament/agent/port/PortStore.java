package io.filament.agent.port;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Ports as files {@code <state-directory>/ports/<uuid>}, one JSON document each, like TF's
 * {@code /var/lib/contrail/ports/<vmi-uuid>}: written atomically (temporary file, then rename), read back at
 * start. A file that no longer parses is reported, not silently skipped.
 */
public final class PortStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path directory;

    public PortStore(Path stateDirectory) {
        this.directory = stateDirectory.resolve("ports");
    }

    public Path directory() {
        return directory;
    }

    public void save(Port port) {
        try {
            Files.createDirectories(directory);
            Path target = directory.resolve(port.id().toString());
            Path temporary = directory.resolve("." + port.id() + ".tmp");
            Files.writeString(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(PortJson.write(port)));
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot persist port " + port.id() + " in " + directory, e);
        }
    }

    public void delete(UUID id) {
        try {
            Files.deleteIfExists(directory.resolve(id.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove port file " + id + " in " + directory, e);
        }
    }

    /** When a port file was last written: when its port was last plugged. */
    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /** Every persisted port, in the order they were plugged; files with other names (temporaries) are ignored. */
    public Loaded load() {
        List<Port> ports = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return new Loaded(ports, rejected);
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted(Comparator.comparing(PortStore::modified).thenComparing(Path::toString))
                    .toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                try {
                    Port port = PortJson.read(JSON.readTree(Files.readString(file)));
                    if (!port.id().toString().equals(name)) {
                        throw new InvalidPortException("id", port.id().toString(), "does not match file name " + name);
                    }
                    ports.add(port);
                } catch (InvalidPortException | JacksonException e) {
                    rejected.add(file + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list ports in " + directory, e);
        }
        return new Loaded(ports, rejected);
    }

    /** Result of reading the state directory: the ports, and the files that could not be read with the reason. */
    public record Loaded(List<Port> ports, List<String> rejected) {
        public Loaded {
            ports = List.copyOf(ports);
            rejected = List.copyOf(rejected);
        }
    }
}
