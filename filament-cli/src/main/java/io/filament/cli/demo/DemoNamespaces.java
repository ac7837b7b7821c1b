package io.filament.cli.demo;

import io.filament.cli.infra.Workspace;
import io.filament.cli.netns.Netns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Remembers every namespace the demo made (in {@code var/run/demo-namespaces}) so that down removes them all. */
public final class DemoNamespaces {

    private final Path registry;

    public DemoNamespaces(Workspace workspace) {
        this.registry = workspace.root().resolve("var/run/demo-namespaces");
    }

    public Netns create(String name) {
        Workspace.ensureDirectory(registry.getParent());
        try {
            Files.writeString(registry, name + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + registry, e);
        }
        return Netns.create(name);
    }

    /** The namespaces made and not deleted since. */
    public List<String> recorded() {
        if (!Files.exists(registry)) {
            return List.of();
        }
        try {
            return Files.readAllLines(registry).stream().filter(n -> !n.isBlank()).distinct().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + registry, e);
        }
    }

    /** Deletes every recorded namespace (with the TAPs inside) and forgets them; returns how many existed. */
    public int deleteAll() {
        if (!Files.exists(registry)) {
            return 0;
        }
        try {
            List<String> names = recorded();
            int deleted = 0;
            for (String name : names) {
                Netns netns = new Netns(name);
                if (netns.exists()) {
                    netns.delete();
                    deleted++;
                }
            }
            Files.delete(registry);
            return deleted;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + registry, e);
        }
    }
}
