package io.filament.dataplane.io.linux.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filament.dataplane.packet.wire.GoldenFrames;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NetlinkAckTest {

    private static NetlinkAck ack(String golden, int sequence) {
        byte[] d = GoldenFrames.bytes(golden);
        return NetlinkAck.find(d, d.length, sequence).orElseThrow();
    }

    @Test
    void readsASuccessfulCappedAck() {
        assertThat(ack("nlmsgerr-ack", 0x1002)).isEqualTo(new NetlinkAck(0x1002, 0, ""));
        assertThat(ack("nlmsgerr-ack", 0x1002).succeeded()).isTrue();
    }

    @Test
    void readsTheErrnoBehindAnAckThatEchoesTheWholeRequest() {
        NetlinkAck ack = ack("nlmsgerr-eexist", 0x6b0accce);

        assertThat(ack.succeeded()).isFalse();
        assertThat(ack.error()).isEqualTo(17);
        assertThat(ack.kernelMessage()).isEmpty();
    }

    @Test
    void keepsTheKernelsExtendedAckText() {
        NetlinkAck ack = ack("nlmsgerr-einval-extack", 0x1001);

        assertThat(ack.error()).isEqualTo(22);
        assertThat(ack.kernelMessage()).isEqualTo("mtu less than device minimum");
    }

    @Test
    void findsTheAckOfItsOwnRequestAmongOtherMessagesOfTheDatagram() {
        byte[] other = GoldenFrames.bytes("nlmsgerr-eexist");
        byte[] mine = GoldenFrames.bytes("nlmsgerr-ack");
        byte[] datagram = Arrays.copyOf(other, other.length + mine.length);
        System.arraycopy(mine, 0, datagram, other.length, mine.length);

        assertThat(NetlinkAck.find(datagram, datagram.length, 0x1002)).contains(new NetlinkAck(0x1002, 0, ""));
        assertThat(NetlinkAck.find(datagram, datagram.length, 0x7777)).isEmpty();
    }

    @Test
    void refusesAMessageLengthBeyondTheDatagram() {
        byte[] d = GoldenFrames.bytes("nlmsgerr-ack");

        assertThatThrownBy(() -> NetlinkAck.find(d, d.length - 1, 0x1002))
                .isInstanceOf(NetlinkDecodeException.class).hasMessageContaining("nlmsg_len=36")
                .extracting(e -> ((NetlinkDecodeException) e).field()).isEqualTo("nlmsg_len");
    }

    @Test
    void refusesTrailingBytesShorterThanAHeader() {
        byte[] d = Arrays.copyOf(GoldenFrames.bytes("nlmsgerr-ack"), 36 + 8);

        assertThatThrownBy(() -> NetlinkAck.find(d, d.length, 0x7777)).isInstanceOf(NetlinkDecodeException.class)
                .hasMessageContaining("trailing");
    }

    @Test
    void refusesAnErrorMessageTooShortForTheEchoedHeader() {
        byte[] d = Arrays.copyOf(GoldenFrames.bytes("nlmsgerr-ack"), 24);
        ByteBuffer.wrap(d).order(ByteOrder.nativeOrder()).putInt(0, 24);

        assertThatThrownBy(() -> NetlinkAck.find(d, d.length, 0x1002)).isInstanceOf(NetlinkDecodeException.class)
                .hasMessageContaining("nlmsg_len=24");
    }

    @Test
    void refusesAPositiveErrorCode() {
        byte[] d = GoldenFrames.bytes("nlmsgerr-ack");
        ByteBuffer.wrap(d).order(ByteOrder.nativeOrder()).putInt(16, 17);

        assertThatThrownBy(() -> NetlinkAck.find(d, d.length, 0x1002)).isInstanceOf(NetlinkDecodeException.class)
                .hasMessageContaining("error=17");
    }

    @Test
    void refusesAnEchoedRequestLongerThanTheAck() {
        byte[] d = GoldenFrames.bytes("nlmsgerr-eexist");
        ByteBuffer.wrap(d).order(ByteOrder.nativeOrder()).putInt(20, 200);

        assertThatThrownBy(() -> NetlinkAck.find(d, d.length, 0x6b0accce))
                .isInstanceOf(NetlinkDecodeException.class).hasMessageContaining("nlmsgerr.msg.nlmsg_len=200");
    }

    @Test
    void refusesAnExtendedAckAttributeThatOverrunsTheMessage() {
        byte[] d = GoldenFrames.bytes("nlmsgerr-einval-extack");
        ByteBuffer.wrap(d).order(ByteOrder.nativeOrder()).putShort(36, (short) 80);

        assertThatThrownBy(() -> NetlinkAck.find(d, d.length, 0x1001)).isInstanceOf(NetlinkDecodeException.class)
                .hasMessageContaining("nla_len=80");
    }
}
