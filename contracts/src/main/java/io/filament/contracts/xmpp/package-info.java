/**
 * Tungsten Fabric's XMPP pub/sub payloads between a vRouter agent and a control node, as plain records.
 *
 * <p>Shared by the control node (server side) and the agent's Smack providers (client side). Element names,
 * node-name formats and numeric rules follow TF's {@code xmpp_unicast.xsd} and {@code bgp_xmpp_channel.cc}:
 * a route is published under the item node {@code <afi>/<safi>/<vrf>/<prefix>} and announced to agents in
 * {@code <items node="<afi>/<safi>/<vrf>">}; subscriptions carry the agent's local VRF index as
 * {@code instance-id}. No parser or transport types appear here.
 */
package io.filament.contracts.xmpp;
