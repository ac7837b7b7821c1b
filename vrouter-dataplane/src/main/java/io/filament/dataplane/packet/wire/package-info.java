/**
 * Pure packet codecs over Netty {@link io.netty.buffer.ByteBuf}: a record per header with {@code decode}/{@code encode}
 * (typed {@link io.filament.dataplane.packet.wire.MalformedPacketException} on bad input) plus static in-place
 * accessors that the forwarding fast path uses without allocating. No channels, clocks or logging here.
 */
package io.filament.dataplane.packet.wire;
