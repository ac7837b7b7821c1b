package io.filament.agent.oper;

import io.filament.agent.xmpp.wire.XmlNode;
import io.filament.contracts.net.IpAddress;
import io.filament.contracts.net.IpPrefix;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compiles TF's {@code access-control-list-entries/acl-rule} ({@code match-condition}: protocol, src/dst
 * address as virtual-network, subnet or security-group, src/dst port range; {@code action-list/simple-action})
 * into {@link CompiledAcl}. A rule that cannot be read is compiled as DENY of everything it could have matched,
 * so a bad rule never opens traffic; its problem is reported.
 */
public final class AclCompiler {

    private AclCompiler() {
    }

    public record Result(CompiledAcl acl, List<String> problems) {
    }

    public static Result compile(String name, int id, XmlNode acl) {
        List<CompiledAcl.Rule> rules = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (XmlNode rule : acl.child("access-control-list-entries").map(e -> e.all("acl-rule")).orElse(List.of())) {
            try {
                rules.add(rule(rule));
            } catch (IllegalArgumentException e) { // also InvalidValueException and NumberFormatException
                problems.add(name + ": " + e.getMessage());
                rules.add(new CompiledAcl.Rule(-1, new CompiledAcl.AddressMatch.Any(), CompiledAcl.PortRange.ANY,
                        new CompiledAcl.AddressMatch.Any(), CompiledAcl.PortRange.ANY, CompiledAcl.Action.DENY));
            }
        }
        return new Result(new CompiledAcl(name, id, rules), problems);
    }

    private static CompiledAcl.Rule rule(XmlNode rule) {
        XmlNode match = rule.child("match-condition").orElseThrow(() -> new IllegalArgumentException("match-condition missing"));
        String action = rule.path("action-list", "simple-action").map(XmlNode::text).orElse("deny");
        return new CompiledAcl.Rule(protocol(match.text("protocol").orElse("any")),
                address(match.child("src-address")), ports(match.child("src-port")),
                address(match.child("dst-address")), ports(match.child("dst-port")),
                action.equalsIgnoreCase("pass") ? CompiledAcl.Action.PASS : CompiledAcl.Action.DENY);
    }

    static int protocol(String text) {
        return switch (text.strip().toLowerCase()) {
            case "any" -> -1;
            case "icmp" -> 1;
            case "tcp" -> 6;
            case "udp" -> 17;
            case "icmp6" -> 58;
            default -> {
                try {
                    int p = Integer.parseInt(text.strip());
                    if (p < 0 || p > 255) {
                        throw new NumberFormatException();
                    }
                    yield p;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("protocol '" + text + "' is not any, icmp, tcp, udp or 0..255");
                }
            }
        };
    }

    private static CompiledAcl.AddressMatch address(Optional<XmlNode> address) {
        if (address.isEmpty()) {
            return new CompiledAcl.AddressMatch.Any();
        }
        XmlNode a = address.get();
        Optional<String> vn = a.text("virtual-network").filter(s -> !s.isEmpty());
        if (vn.isPresent()) {
            return vn.get().equals("any") ? new CompiledAcl.AddressMatch.Any() : new CompiledAcl.AddressMatch.Network(vn.get());
        }
        Optional<XmlNode> subnet = a.child("subnet");
        if (subnet.isPresent()) {
            return new CompiledAcl.AddressMatch.Subnet(IpPrefix.covering(
                    IpAddress.parse(subnet.get().text("ip-prefix").orElse("")),
                    Integer.parseInt(subnet.get().text("ip-prefix-len").orElse("-1"))));
        }
        Optional<String> sg = a.text("security-group").filter(s -> !s.isEmpty());
        if (sg.isPresent()) {
            if (sg.get().equals("local")) {
                return new CompiledAcl.AddressMatch.LocalSecurityGroup();
            }
            return sg.get().equals("any") ? new CompiledAcl.AddressMatch.Any()
                    : new CompiledAcl.AddressMatch.SecurityGroup(Long.parseLong(sg.get()));
        }
        return new CompiledAcl.AddressMatch.Any();
    }

    private static CompiledAcl.PortRange ports(Optional<XmlNode> range) {
        if (range.isEmpty()) {
            return CompiledAcl.PortRange.ANY;
        }
        int start = Integer.parseInt(range.get().text("start-port").orElse("-1"));
        int end = Integer.parseInt(range.get().text("end-port").orElse("-1"));
        if (start == -1 && end == -1) {
            return CompiledAcl.PortRange.ANY;
        }
        if (start < 0 || end > 65535 || start > end) {
            throw new IllegalArgumentException("port range " + start + ".." + end + " is invalid");
        }
        return new CompiledAcl.PortRange(start, end);
    }
}
