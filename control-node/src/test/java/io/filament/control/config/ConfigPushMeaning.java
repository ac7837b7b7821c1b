package io.filament.control.config;

import io.filament.control.xmpp.wire.StanzaLimits;
import io.filament.control.xmpp.wire.StreamEvent;
import io.filament.control.xmpp.wire.XmlElement;
import io.filament.control.xmpp.wire.XmppStreamParser;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a sequence of {@code <config>} iqs means, independent of order, batching and whitespace: the nodes with
 * their property leaves ({@code path → text}, repeated elements numbered) and the links as unordered pairs.
 */
record ConfigPushMeaning(Map<String, Map<String, String>> nodes, Set<String> links, Set<String> deletedNodes) {

    static ConfigPushMeaning of(String iqs) throws Exception {
        String stream = "<stream:stream xmlns:stream='http://etherx.jabber.org/streams'>" + iqs;
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        Map<String, Map<String, String>> nodes = new TreeMap<>();
        Set<String> links = new TreeSet<>();
        Set<String> deleted = new TreeSet<>();
        for (StreamEvent e : new XmppStreamParser(new StanzaLimits(1 << 20, 64)).feed(bytes, 0, bytes.length)) {
            if (!(e instanceof StreamEvent.StanzaReceived s)) {
                continue;
            }
            XmlElement config = s.stanza().child("config").orElseThrow();
            for (XmlElement section : config.children()) {
                boolean delete = section.name().equals("delete");
                for (XmlElement item : section.children()) {
                    if (item.name().equals("node")) {
                        String key = item.attribute("type").orElseThrow() + "|" + item.childText("name").orElseThrow();
                        if (delete) {
                            deleted.add(key);
                        } else {
                            Map<String, String> leaves = new TreeMap<>();
                            item.children().stream().filter(c -> !c.name().equals("name"))
                                    .forEach(c -> leaves(c, "", new HashMap<>(), leaves));
                            nodes.merge(key, leaves, (a, b) -> b);
                        }
                    } else if (item.name().equals("link")) {
                        var ends = item.children("node").stream()
                                .map(n -> n.attribute("type").orElseThrow() + "|" + n.childText("name").orElseThrow())
                                .sorted().toList();
                        links.add(ends.get(0) + " -- " + ends.get(1) + " : "
                                + item.child("metadata").orElseThrow().attribute("type").orElseThrow());
                    }
                }
            }
        }
        return new ConfigPushMeaning(nodes, links, deleted);
    }

    private static void leaves(XmlElement e, String parent, Map<String, Integer> counts, Map<String, String> out) {
        String base = parent + "/" + e.name();
        int n = counts.merge(base, 1, Integer::sum);
        String path = base + "[" + n + "]";
        if (e.children().isEmpty()) {
            out.put(path, e.text().strip());
            return;
        }
        Map<String, Integer> childCounts = new HashMap<>();
        e.children().forEach(c -> leaves(c, path, childCounts, out));
    }

    /** TF's generated C++ types write unset fields with these defaults; they carry no configured value. */
    static boolean isGeneratedDefault(String value) {
        return value.isEmpty() || value.equals("0") || value.equals("false") || value.equals("1970-01-01T00:00:00");
    }
}
