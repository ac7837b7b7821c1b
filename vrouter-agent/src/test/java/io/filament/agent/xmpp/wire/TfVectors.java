package io.filament.agent.xmpp.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tungsten Fabric's own test vectors, read in place from {@code ../shared/vectors/tf-controller/}. */
public final class TfVectors {

    private static final Pattern IQ = Pattern.compile("<iq\\b.*?</iq>", Pattern.DOTALL);

    private TfVectors() {
    }

    public static String text(String group, String file) {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            Path candidate = at.resolve("../shared/vectors/tf-controller").resolve(group).resolve(file).normalize();
            if (Files.isRegularFile(candidate)) {
                try {
                    return Files.readString(candidate);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("TF vector " + group + "/" + file + " not found: shared/ must sit beside the checkout");
    }

    /**
     * The iq stanzas of a file that holds several one after the other, each given the {@code jabber:client}
     * default namespace it inherits inside a stream.
     */
    public static List<String> iqs(String group, String file) {
        List<String> out = new ArrayList<>();
        Matcher m = IQ.matcher(text(group, file));
        while (m.find()) {
            out.add(m.group().replaceFirst("^<iq", "<iq xmlns=\"jabber:client\""));
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no iq in " + group + "/" + file);
        }
        return out;
    }
}
