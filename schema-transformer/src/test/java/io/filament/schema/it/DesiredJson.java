package io.filament.schema.it;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads desired records in tests. */
final class DesiredJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private DesiredJson() {
    }

    static JsonNode parse(String json) {
        return MAPPER.readTree(json);
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(element.stringValue()));
        return values;
    }

    /** An ACL entry as {@code protocol src[ports] > dst[ports] action}, for readable expectations. */
    static String aclEntry(JsonNode rule) {
        JsonNode match = rule.path("match_condition");
        return match.path("protocol").stringValue() + " "
                + address(match.path("src_address")) + ports(match.path("src_port")) + " > "
                + address(match.path("dst_address")) + ports(match.path("dst_port")) + " "
                + rule.path("action_list").path("simple_action").stringValue();
    }

    private static String address(JsonNode address) {
        if (address.has("subnet")) {
            return address.path("subnet").path("ip_prefix").stringValue() + "/"
                    + address.path("subnet").path("ip_prefix_len").intValue();
        }
        if (address.has("security_group")) {
            return "sg:" + address.path("security_group").stringValue();
        }
        return address.path("virtual_network").stringValue();
    }

    private static String ports(JsonNode port) {
        return "[" + port.path("start_port").intValue() + ".." + port.path("end_port").intValue() + "]";
    }
}
