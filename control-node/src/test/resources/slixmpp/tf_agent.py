"""A TF-style agent on slixmpp, driven line by line on stdin, reporting on stdout.

Usage: /usr/bin/python3 tf_agent.py <host> <password> <domain> <server-ip> <port>
Commands: subscribe <instance> <instance-id> | publish <instance> <prefix> <next-hop> <label> |
          withdraw <instance> <prefix> | quit
Reports:  SESSION <jid> | AUTH FAILED | DONE <command> | ERROR <command> | ITEM <node> <id> <next-hop> <label> |
          RETRACT <node> <id> | EOR | DISCONNECTED
"""
import asyncio
import sys
import xml.etree.ElementTree as ET

import slixmpp
from slixmpp.exceptions import IqError, IqTimeout
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher import MatchXPath

PUBSUB = "http://jabber.org/protocol/pubsub"
host, password, domain, server, port = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
control = "network-control@" + domain + "/bgp-peer"


def say(*words):
    print(*words, flush=True)


class Agent(slixmpp.ClientXMPP):
    def __init__(self):
        super().__init__(host + "@" + domain + "/agent", password)
        self['feature_mechanisms'].unencrypted_plain = True
        self.add_event_handler("session_start", self.started)
        # TF's updates carry no <body>, so slixmpp's "message" event never fires for them
        self.register_handler(Callback("tf-route-updates",
                                       MatchXPath("{jabber:client}message/{%s}event" % PUBSUB), self.message))
        self.add_event_handler("failed_all_auth", lambda e: (say("AUTH FAILED"), self.disconnect()))
        self.add_event_handler("disconnected", lambda e: say("DISCONNECTED"))

    async def started(self, event):
        say("SESSION", self.boundjid.full)
        asyncio.get_event_loop().add_reader(sys.stdin, self.command)

    def command(self):
        line = sys.stdin.readline()
        if not line or line.strip() == "quit":
            asyncio.get_event_loop().remove_reader(sys.stdin)
            self.disconnect()
            return
        asyncio.ensure_future(self.run(line.split()))

    async def run(self, words):
        try:
            if words[0] == "subscribe":
                await self.pubsub("<subscribe node='%s'><options><instance-id>%s</instance-id></options></subscribe>"
                                  % (words[1], words[2]))
            elif words[0] == "publish":
                instance, prefix, nh, label = words[1:5]
                node = "1/1/%s/%s" % (instance, prefix)
                await self.pubsub(
                    "<publish node='%s'><item><entry><nlri><af>1</af><safi>1</safi><address>%s</address></nlri>"
                    "<next-hops><next-hop><af>1</af><address>%s</address><label>%s</label>"
                    "<tunnel-encapsulation-list><tunnel-encapsulation>gre</tunnel-encapsulation>"
                    "</tunnel-encapsulation-list></next-hop></next-hops><version>1</version>"
                    "<local-preference>100</local-preference><med>0</med></entry></item></publish>"
                    % (node, prefix, nh, label))
                await self.pubsub("<collection node='%s'><associate node='%s'/></collection>" % (instance, node))
            elif words[0] == "withdraw":
                instance, prefix = words[1:3]
                node = "1/1/%s/%s" % (instance, prefix)
                await self.pubsub("<publish node='%s'><item><entry><nlri><af>1</af><safi>1</safi><address>%s</address>"
                                  "</nlri></entry></item></publish>" % (node, prefix))
                await self.pubsub("<collection node='%s'><dissociate node='%s'/></collection>" % (instance, node))
            say("DONE", words[0])
        except (IqError, IqTimeout):
            say("ERROR", words[0])

    async def pubsub(self, children):
        iq = self.Iq()
        iq['type'] = 'set'
        iq['to'] = control
        iq.xml.append(ET.fromstring("<pubsub xmlns='%s'>%s</pubsub>" % (PUBSUB, children)))
        await iq.send(timeout=10)

    def message(self, msg):
        for items in msg.xml.iter("{%s}items" % PUBSUB):
            node = items.get("node")
            if node == "0/0/EndOfRib":
                say("EOR")
                continue
            for item in items.findall("{%s}item" % PUBSUB):
                hop = item.find(".//{%s}next-hop" % PUBSUB)
                say("ITEM", node, item.get("id"), hop.findtext("{%s}address" % PUBSUB),
                    hop.findtext("{%s}label" % PUBSUB))
            for retract in items.findall("{%s}retract" % PUBSUB):
                say("RETRACT", node, retract.get("id"))


agent = Agent()
agent.connect((server, port), disable_starttls=True, force_starttls=False)
asyncio.get_event_loop().run_until_complete(agent.disconnected)
