package io.filament.agent.oper;

import io.filament.agent.xmpp.wire.XmlNode;
import io.filament.agent.xmpp.wire.XmlNodeReader;
import io.filament.contracts.net.IpPrefix;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AclCompilerTest {

    private static XmlNode xml(String text) throws Exception {
        XmlPullParser p = PacketParserUtils.getParserFor(text);
        return XmlNodeReader.read(p);
    }

    @Test
    void compilesNetworkSubnetAndSecurityGroupRulesInOrder() throws Exception {
        XmlNode acl = xml("""
                <node type="access-control-list"><name>d:p:red:red</name><access-control-list-entries>
                 <dynamic>false</dynamic>
                 <acl-rule><match-condition><protocol>tcp</protocol>
                   <src-address><virtual-network>d:p:red</virtual-network></src-address><src-port><start-port>-1</start-port><end-port>-1</end-port></src-port>
                   <dst-address><subnet><ip-prefix>10.2.0.0</ip-prefix><ip-prefix-len>16</ip-prefix-len></subnet></dst-address>
                   <dst-port><start-port>80</start-port><end-port>80</end-port></dst-port><ethertype>IPv4</ethertype></match-condition>
                  <action-list><simple-action>pass</simple-action></action-list><direction>&gt;</direction></acl-rule>
                 <acl-rule><match-condition><protocol>any</protocol><src-address><security-group>local</security-group></src-address>
                   <dst-address><security-group>8000003</security-group></dst-address></match-condition>
                  <action-list><simple-action>deny</simple-action></action-list></acl-rule>
                </access-control-list-entries></node>""");

        AclCompiler.Result r = AclCompiler.compile("d:p:red:red", 1, acl);

        assertThat(r.problems()).isEmpty();
        assertThat(r.acl().rules()).containsExactly(
                new CompiledAcl.Rule(6, new CompiledAcl.AddressMatch.Network("d:p:red"), CompiledAcl.PortRange.ANY,
                        new CompiledAcl.AddressMatch.Subnet(IpPrefix.parse("10.2.0.0/16")), new CompiledAcl.PortRange(80, 80),
                        CompiledAcl.Action.PASS),
                new CompiledAcl.Rule(-1, new CompiledAcl.AddressMatch.LocalSecurityGroup(), CompiledAcl.PortRange.ANY,
                        new CompiledAcl.AddressMatch.SecurityGroup(8000003), CompiledAcl.PortRange.ANY, CompiledAcl.Action.DENY));
    }

    @Test
    void aRuleThatCannotBeReadDeniesInsteadOfPassing() throws Exception {
        XmlNode acl = xml("""
                <node><access-control-list-entries><acl-rule><match-condition><protocol>sctp-ish</protocol></match-condition>
                <action-list><simple-action>pass</simple-action></action-list></acl-rule></access-control-list-entries></node>""");

        AclCompiler.Result r = AclCompiler.compile("bad", 2, acl);

        assertThat(r.acl().rules()).singleElement().extracting(CompiledAcl.Rule::action).isEqualTo(CompiledAcl.Action.DENY);
        assertThat(r.problems()).singleElement().asString().contains("protocol 'sctp-ish'");
    }
}
