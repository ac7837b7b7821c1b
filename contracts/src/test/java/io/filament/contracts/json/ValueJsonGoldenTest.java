package io.filament.contracts.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filament.contracts.InvalidValueException;
import io.filament.contracts.id.FqName;
import io.filament.contracts.net.IpAddress;
import io.filament.contracts.net.IpPrefix;
import io.filament.contracts.net.MacAddress;
import io.filament.contracts.routing.AsNumber;
import io.filament.contracts.routing.MplsLabel;
import io.filament.contracts.routing.RouteDistinguisher;
import io.filament.contracts.routing.RouteTarget;
import io.filament.contracts.routing.Vni;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON form of every value type, checked against golden files byte for byte in both directions, with
 * a plain {@link JsonMapper}: the forms come from the types' own annotations, so any mapper (Spring's
 * included) writes and reads them the same way.
 */
class ValueJsonGoldenTest {

    private final JsonMapper mapper = JsonMapper.builder().build();

    static Stream<Arguments> goldenLists() {
        return Stream.of(
                golden("values/ip-address.json", new TypeReference<List<IpAddress>>() { }, IpAddress::parse,
                        "10.1.2.3", "0.0.0.0", "255.255.255.255", "2001:db8::1", "::", "fe80::1:2", "::ffff:192.0.2.1"),
                golden("values/ip-prefix.json", new TypeReference<List<IpPrefix>>() { }, IpPrefix::parse,
                        "10.1.1.0/24", "0.0.0.0/0", "192.0.2.7/32", "2001:db8::/32", "::/0", "2001:db8::1/128"),
                golden("values/mac-address.json", new TypeReference<List<MacAddress>>() { }, MacAddress::parse,
                        "02:00:0a:01:01:05", "fa:16:3e:b1:3b:30", "ff:ff:ff:ff:ff:ff"),
                golden("values/as-number.json", new TypeReference<List<AsNumber>>() { }, AsNumber::parse,
                        "1", "64512", "65535", "65536", "4294967295"),
                golden("values/route-target.json", new TypeReference<List<RouteTarget>>() { }, RouteTarget::parse,
                        "target:64512:8000001", "target:10.1.1.1:4660", "target:4200000000:7", "target:64512L:7"),
                golden("values/route-distinguisher.json", new TypeReference<List<RouteDistinguisher>>() { },
                        RouteDistinguisher::parse, "0:0", "65412:16909060", "192.168.0.11:3", "65536:4660", "64512L:1"),
                golden("values/vni.json", new TypeReference<List<Vni>>() { }, Vni::parse, "0", "1", "4789", "16777215"),
                golden("values/mpls-label.json", new TypeReference<List<MplsLabel>>() { }, MplsLabel::parse,
                        "0", "3", "16", "5119", "1048575"),
                Arguments.of("values/fq-name.json", new TypeReference<List<FqName>>() { }, List.of(
                        FqName.of("default-domain", "demo", "red"), FqName.of("default-domain"),
                        FqName.of("target:64512:8000001"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenLists")
    <T> void writesAndReadsTheGoldenFileExactly(String file, TypeReference<List<T>> type, List<T> values) {
        byte[] golden = GoldenFile.bytes(file);

        assertThat(new String(mapper.writeValueAsBytes(values), UTF_8)).isEqualTo(new String(golden, UTF_8));
        assertThat(mapper.writeValueAsBytes(values)).isEqualTo(golden);
        assertThat(mapper.readValue(golden, type)).isEqualTo(values);
    }

    /** The value types as fields of a record and as map keys, the way config and desired-state JSON uses them. */
    record Example(IpPrefix prefix, IpAddress gateway, MacAddress mac, FqName vn, AsNumber asn,
            List<RouteTarget> targets, RouteDistinguisher rd, Vni vni, MplsLabel label, Map<IpPrefix, IpAddress> routes) {
    }

    @Test
    void worksAsRecordFieldsAndMapKeys() {
        Map<IpPrefix, IpAddress> routes = new TreeMap<>(Map.of(
                IpPrefix.parse("2001:db8::/64"), IpAddress.parse("2001:db8::1"),
                IpPrefix.parse("10.1.1.0/24"), IpAddress.parse("10.1.1.1")));
        Example example = new Example(IpPrefix.parse("10.1.1.0/24"), IpAddress.parse("10.1.1.1"),
                MacAddress.parse("02:00:0a:01:01:05"), FqName.parse("default-domain:demo:red"), AsNumber.of(64512),
                List.of(RouteTarget.parse("target:64512:8000001")), RouteDistinguisher.parse("192.168.0.11:3"),
                Vni.of(5001), MplsLabel.of(16), routes);
        byte[] golden = GoldenFile.bytes("values/value-record.json");

        assertThat(new String(mapper.writeValueAsBytes(example), UTF_8)).isEqualTo(new String(golden, UTF_8));
        assertThat(mapper.readValue(golden, Example.class)).isEqualTo(example);
    }

    @Test
    void reportsInvalidJsonValuesWithTheTypedErrorAsCause() {
        assertThatThrownBy(() -> mapper.readValue("\"10.1.1.0/33\"", IpPrefix.class))
                .isInstanceOf(DatabindException.class)
                .hasRootCauseInstanceOf(InvalidValueException.class)
                .rootCause()
                .hasMessage("invalid ip_prefix \"10.1.1.0/33\": prefix length 33 exceeds 32");
        assertThatThrownBy(() -> mapper.readValue("16777216", Vni.class))
                .isInstanceOf(DatabindException.class)
                .hasRootCauseInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> mapper.readValue("[]", FqName.class))
                .isInstanceOf(DatabindException.class)
                .hasRootCauseInstanceOf(InvalidValueException.class);
    }

    private static <T> Arguments golden(String file, TypeReference<List<T>> type, Function<String, T> parse,
            String... texts) {
        return Arguments.of(file, type, Stream.of(texts).map(parse).toList());
    }
}
