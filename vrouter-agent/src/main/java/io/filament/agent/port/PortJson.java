package io.filament.agent.port;

import io.filament.contracts.InvalidValueException;
import io.filament.contracts.net.IpAddress;
import io.filament.contracts.net.MacAddress;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The JSON form of a port, as TF's port-IPC reads and writes it ({@code POST /port}, {@code GET /port/<uuid>},
 * and the files in the state directory). Reading validates every field and names the first bad one.
 */
public final class PortJson {

    /** Linux interface names: 1..15 characters, no '/', ':' or whitespace. */
    private static final Pattern IFNAME = Pattern.compile("[A-Za-z0-9_.@-]{1,15}");
    private static final Pattern NETNS_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern NETNS_PATH = Pattern.compile("/[A-Za-z0-9_./-]{1,250}");

    private PortJson() {
    }

    public static Port read(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new InvalidPortException("body", json == null ? "" : json.toString(), "must be a JSON object");
        }
        UUID id = uuid(json, "id").orElseThrow(() -> missing("id"));
        UUID instance = uuid(json, "instance-id").orElseThrow(() -> missing("instance-id"));
        Optional<IpAddress> v4 = address(json, "ip-address", true).filter(a -> a.ipv4Value() != 0);
        Optional<IpAddress> v6 = address(json, "ip6-address", false).filter(a -> a.high() != 0 || a.low() != 0);
        MacAddress mac = text(json, "mac-address").map(t -> mac(t)).orElseThrow(() -> missing("mac-address"));
        String systemName = text(json, "system-name").orElseThrow(() -> missing("system-name"));
        requireIfname("system-name", systemName);
        Optional<String> netns = text(json, "netns");
        netns.ifPresent(PortJson::requireNetns);
        Optional<String> ifname = text(json, "ifname");
        ifname.ifPresent(n -> requireIfname("ifname", n));
        int typeCode = integer(json, "type", 0);
        Port.PortType type = Port.PortType.of(typeCode).orElseThrow(() ->
                new InvalidPortException("type", String.valueOf(typeCode), "must be 0 (VM), 1 (namespace) or 2 (remote)"));
        return new Port(id, instance, uuid(json, "vn-id"), uuid(json, "vm-project-id"), v4, v6, mac, systemName,
                text(json, "display-name").orElse(""), vlan(json, "rx-vlan-id"), vlan(json, "tx-vlan-id"), type,
                netns, ifname.or(() -> netns.map(n -> "eth0")));
    }

    public static ObjectNode write(Port port) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", port.id().toString());
        o.put("instance-id", port.instanceId().toString());
        o.put("vn-id", port.vnId().map(UUID::toString).orElse(""));
        o.put("vm-project-id", port.projectId().map(UUID::toString).orElse(""));
        o.put("ip-address", port.ipv4().map(IpAddress::toString).orElse("0.0.0.0"));
        o.put("ip6-address", port.ipv6().map(IpAddress::toString).orElse(""));
        o.put("mac-address", port.mac().toString());
        o.put("system-name", port.systemName());
        o.put("display-name", port.displayName());
        o.put("rx-vlan-id", port.rxVlanId());
        o.put("tx-vlan-id", port.txVlanId());
        o.put("type", port.type().code());
        port.netns().ifPresent(n -> o.put("netns", n));
        port.ifname().ifPresent(n -> o.put("ifname", n));
        return o;
    }

    private static InvalidPortException missing(String field) {
        return new InvalidPortException(field, "", "is required");
    }

    private static Optional<String> text(JsonNode json, String field) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isString()) {
            throw new InvalidPortException(field, v.toString(), "must be a string");
        }
        String s = v.asString().strip();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private static Optional<UUID> uuid(JsonNode json, String field) {
        return text(json, field).map(t -> {
            try {
                UUID u = UUID.fromString(t);
                if (!u.toString().equalsIgnoreCase(t)) {
                    throw new IllegalArgumentException(t);
                }
                return u;
            } catch (IllegalArgumentException e) {
                throw new InvalidPortException(field, t, "is not a UUID");
            }
        });
    }

    private static Optional<IpAddress> address(JsonNode json, String field, boolean ipv4) {
        return text(json, field).map(t -> {
            try {
                IpAddress a = IpAddress.parse(t);
                if (a.isIpv4() != ipv4) {
                    throw new InvalidPortException(field, t, ipv4 ? "must be an IPv4 address" : "must be an IPv6 address");
                }
                return a;
            } catch (InvalidValueException e) {
                throw new InvalidPortException(field, t, "is not an IP address");
            }
        });
    }

    private static MacAddress mac(String text) {
        try {
            MacAddress mac = MacAddress.parse(text);
            if (mac.isMulticast()) {
                throw new InvalidPortException("mac-address", text, "must be a unicast address");
            }
            return mac;
        } catch (InvalidValueException e) {
            throw new InvalidPortException("mac-address", text, "is not a MAC address");
        }
    }

    private static int integer(JsonNode json, String field, int absent) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return v.asInt();
        }
        if (v.isString()) {
            try {
                return Integer.parseInt(v.asString().strip());
            } catch (NumberFormatException e) {
                throw new InvalidPortException(field, v.asString(), "is not an integer");
            }
        }
        throw new InvalidPortException(field, v.toString(), "is not an integer");
    }

    private static int vlan(JsonNode json, String field) {
        int v = integer(json, field, Port.NO_VLAN);
        if (v != Port.NO_VLAN && (v < 0 || v > 4094)) {
            throw new InvalidPortException(field, String.valueOf(v), "must be -1 or within 0..4094");
        }
        return v;
    }

    private static void requireIfname(String field, String name) {
        if (!IFNAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new InvalidPortException(field, name, "is not a Linux interface name (1..15 of [A-Za-z0-9_.@-])");
        }
    }

    private static void requireNetns(String netns) {
        boolean ok = netns.startsWith("/") ? NETNS_PATH.matcher(netns).matches() && !netns.contains("..")
                : NETNS_NAME.matcher(netns).matches() && !netns.startsWith(".");
        if (!ok) {
            throw new InvalidPortException("netns", netns, "must be a namespace name or an absolute path");
        }
    }
}
