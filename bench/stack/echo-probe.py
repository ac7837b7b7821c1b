#!/usr/bin/env python3
"""Port-up probe: sends an ICMP echo request to DEST every INTERVAL seconds, whether or not anything comes back,
and prints the kernel's receive time (epoch seconds, nanoseconds) of the first echo reply from DEST.

    echo-probe.py DEST INTERVAL LIMIT      (run inside the prober's namespace: ip netns exec NS ...)

Prints "ready" once its socket is open, then the reply's time; exits 1 when no reply came within LIMIT seconds.
Unlike ping -i, whose sending slows to one request per 10 ms while requests are unanswered, the cadence holds
until the first reply, which is the moment measured.
"""
import os
import select
import socket
import struct
import sys
import time

ECHO_REQUEST, ECHO_REPLY = 8, 0
SO_TIMESTAMPNS = getattr(socket, "SO_TIMESTAMPNS", 35)  # Linux; Python names it only on some builds


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    total = (total >> 16) + (total & 0xFFFF)
    total += total >> 16
    return ~total & 0xFFFF


def echo_request(ident, seq):
    payload = struct.pack("!d", time.time()) + bytes(range(48))
    header = struct.pack("!BBHHH", ECHO_REQUEST, 0, 0, ident, seq)
    return struct.pack("!BBHHH", ECHO_REQUEST, 0, checksum(header + payload), ident, seq) + payload


def reply_time(sock, dest, ident):
    """The receive time of an echo reply to this probe from dest, or None for any other ICMP message."""
    data, ancillary, _, (source, _) = sock.recvmsg(2048, 1024)
    ihl = (data[0] & 0x0F) * 4
    if source != dest or len(data) < ihl + 8:
        return None
    kind, _, _, reply_ident, _ = struct.unpack("!BBHHH", data[ihl:ihl + 8])
    if kind != ECHO_REPLY or reply_ident != ident:
        return None
    for level, kind, value in ancillary:
        if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS:
            seconds, nanos = struct.unpack("qq", value[:16])
            return f"{seconds}.{nanos:09d}"
    return None


def main():
    dest, interval, limit = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
    sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
    ident = os.getpid() & 0xFFFF
    print("ready", flush=True)
    deadline = time.monotonic() + limit
    next_send = time.monotonic()
    seq = 0
    while time.monotonic() < deadline:
        if time.monotonic() >= next_send:
            seq = (seq + 1) & 0xFFFF
            try:
                sock.sendto(echo_request(ident, seq), (dest, 0))
            except OSError:
                pass  # no route in the prober's namespace yet: try again at the next tick
            next_send += interval
        readable, _, _ = select.select([sock], [], [], max(0.0, next_send - time.monotonic()))
        if readable:
            at = reply_time(sock, dest, ident)
            if at is not None:
                print(at, flush=True)
                return 0
    return 1


if __name__ == "__main__":
    sys.exit(main())
