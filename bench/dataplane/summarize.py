#!/usr/bin/env python3
"""Summarises one filament-dataplane.sh result directory as one TSV line (medians over runs)."""
import glob, json, os, re, statistics, sys

d = sys.argv[1]
mode = os.path.basename(d.rstrip('/'))
tcp = [json.load(open(f))['end']['sum_received']['bits_per_second'] / 1e9 for f in sorted(glob.glob(d + '/tcp-*.json'))]
udp = []
for f in sorted(glob.glob(d + '/udp-*.json')):
    j = json.load(open(f))
    s = j['end']['sum']
    secs = s['seconds'] or 1
    lost = s.get('lost_packets', 0)
    udp.append((s['packets'] - lost) / secs)
best, maxrate = '', ''
if os.path.exists(d + '/rate.tsv'):
    rows = [l.split('\t') for l in open(d + '/rate.tsv').read().splitlines()[1:]]
    # the rate that counts is the one actually offered (trafgen may fall short of the step it was asked for)
    ok = [int(r[5]) if len(r) > 5 else int(r[0]) for r in rows
          if r[0] != 'max' and r[3] != 'nan' and float(r[3]) < 0.1]
    best = max(ok) if ok else 0
    m = [r for r in rows if r[0] == 'max']
    if m:
        maxrate = '%s delivered of %s sent' % (m[0][2], m[0][1])
        if len(m[0]) > 5:
            maxrate += ' (offered %s pps)' % m[0][5]
rtt = []
if os.path.exists(d + '/ping.txt'):
    rtt = sorted(float(x) for x in re.findall(r'time=([0-9.]+) ms', open(d + '/ping.txt').read()))
p = lambda q: rtt[min(len(rtt) - 1, int(q * len(rtt)))] if rtt else float('nan')
med = lambda xs: statistics.median(xs) if xs else float('nan')
print('mode\ttcp_gbps\tudp64_iperf_delivered_pps\ttrafgen_max_pps_loss_below_0.1pct\ttrafgen_unlimited\tping_p50_ms\tping_p99_ms')
print('%s\t%.2f\t%.0f\t%s\t%s\t%.3f\t%.3f' % (mode, med(tcp), med(udp), best, maxrate, p(0.5), p(0.99)))
