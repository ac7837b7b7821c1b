package io.filament.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.filament.contracts.id.FqName;
import io.filament.contracts.net.IpAddress;
import io.filament.contracts.net.IpPrefix;
import io.filament.contracts.net.MacAddress;
import io.filament.contracts.routing.RouteTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the config database dumps of Tungsten Fabric's controller tests ({@code ../shared/vectors/tf-controller/ifmap},
 * read in place) and checks that every name, MAC address, subnet, gateway, instance address and route target
 * in them is accepted by the value types and written back exactly as TF wrote it.
 */
class TfConfigDumpTest {

    private final JsonMapper mapper = JsonMapper.builder().build();

    @Test
    void acceptsEveryValueInTfsConfigDumpsAndWritesItBackUnchanged() throws IOException {
        Found found = new Found();
        try (Stream<Path> files = Files.list(vectors())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                collect(mapper.readTree(file.toFile()), found);
            }
        }

        assertThat(found.fqNames).hasSizeGreaterThan(50);
        assertThat(found.macs).isNotEmpty();
        assertThat(found.subnets).isNotEmpty();
        assertThat(found.addresses).isNotEmpty();
        assertThat(found.routeTargets).isNotEmpty();
        for (List<String> elements : found.fqNames) {
            assertThat(FqName.of(elements).elements()).isEqualTo(elements);
        }
        found.macs.forEach(mac -> assertThat(MacAddress.parse(mac)).hasToString(mac));
        found.subnets.forEach(subnet -> assertThat(IpPrefix.parse(subnet)).hasToString(subnet));
        found.addresses.forEach(address -> assertThat(IpAddress.parse(address)).hasToString(address));
        found.routeTargets.forEach(target -> assertThat(RouteTarget.parse(target)).hasToString(target));
    }

    private static final class Found {
        final List<List<String>> fqNames = new ArrayList<>();
        final List<String> macs = new ArrayList<>();
        final List<String> subnets = new ArrayList<>();
        final List<String> addresses = new ArrayList<>();
        final List<String> routeTargets = new ArrayList<>();
    }

    /** Walks the dump; column values are JSON documents stored as strings, so those are read in turn. */
    private void collect(JsonNode node, Found found) {
        if (node.isString()) {
            String text = node.asString();
            if (text.startsWith("{") || text.startsWith("[")) {
                collect(mapper.readTree(text), found);
            }
            return;
        }
        if (node.isArray()) {
            node.forEach(child -> collect(child, found));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue().isString() && field.getValue().asString().startsWith("[")
                    ? mapper.readTree(field.getValue().asString()) : field.getValue();
            switch (name) {
                case "fq_name" -> found.fqNames.add(strings(value));
                case "mac_address" -> found.macs.addAll(strings(value));
                case "default_gateway", "instance_ip_address" -> found.addresses.add(value.asString());
                case "ip_prefix" -> found.subnets.add(value.asString() + "/" + node.get("ip_prefix_len").asString());
                case "route_target" -> value.propertyNames().forEach(key -> found.routeTargets.add(withoutUuid(key)));
                default -> collect(value, found);
            }
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(element -> out.add(element.asString()));
        return out;
    }

    /** OBJ_FQ_NAME_TABLE keys are {@code <fq name joined by ':'>:<uuid>}. */
    private static String withoutUuid(String key) {
        return key.substring(0, key.lastIndexOf(':'));
    }

    private static Path vectors() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("contracts/pom.xml"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("repository root above %s", Path.of("").toAbsolutePath()).isNotNull();
        Path vectors = dir.resolve("../shared/vectors/tf-controller/ifmap").normalize();
        assertThat(vectors).as("Tungsten Fabric test vectors (../shared/vectors beside the repository)").isDirectory();
        return vectors;
    }
}
