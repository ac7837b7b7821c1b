package io.filament.analytics.bench;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Synthetic flow records for the benchmark: {@code vns} source networks, {@code vrouters} hosts, setup times
 * spread evenly over the last {@code spreadMinutes} minutes in the order they are produced (with up to a second
 * of jitter), as agents report flows shortly after they are set up.
 */
record FlowLoad(int records, int vns, int vrouters, int spreadMinutes, long nowMicros) {

    static String vn(int i) {
        return "default-domain:bench:vn" + i;
    }

    String body(int i, SplittableRandom random) {
        int vn = random.nextInt(vns);
        String vrouter = "host" + (1 + random.nextInt(vrouters));
        long spread = (long) spreadMinutes * 60_000_000L;
        long setup = nowMicros - spread + spread * i / records - random.nextLong(1_000_000L);
        return "{\"vrouter\":\"" + vrouter + "\",\"sourcevn\":\"" + vn(vn) + "\",\"destvn\":\"" + vn((vn + 1) % vns)
                + "\",\"sourceip\":\"10." + (vn % 250) + "." + random.nextInt(250) + "." + (1 + random.nextInt(250))
                + "\",\"destip\":\"10.200." + random.nextInt(250) + "." + (1 + random.nextInt(250))
                + "\",\"protocol\":6,\"sport\":" + (32768 + random.nextInt(28000)) + ",\"dport\":"
                + (random.nextInt(4) == 0 ? 443 : 80) + ",\"direction_ing\":1,\"action\":\""
                + (random.nextInt(20) == 0 ? "drop" : "pass") + "\",\"setup_time\":" + setup
                + ",\"teardown_time\":0,\"agg-packets\":" + (1 + random.nextInt(1000)) + ",\"agg-bytes\":"
                + (64 + random.nextInt(1_000_000)) + ",\"flowuuid\":\"" + new UUID(random.nextLong(), random.nextLong())
                + "\",\"vrouter_ip\":\"127.0.0.11\",\"other_vrouter_ip\":\"127.0.0.12\"}";
    }

    /** Produces every record to the topic; returns the seconds it took. */
    double produce(String bootstrap, String topic) {
        SplittableRandom random = new SplittableRandom(42);
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 262_144, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.ACKS_CONFIG, "1"), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < records; i++) {
                String body = body(i, random);
                String vrouter = body.substring(12, body.indexOf('"', 12));
                producer.send(new ProducerRecord<>(topic, vrouter, body));
            }
            producer.flush();
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
