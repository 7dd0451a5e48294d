import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * What the least Kafka traffic of a run costs the broker: RATE records a second, each 200 bytes,
 * produced as the service's producers send (acks=all, idempotent, 5 ms linger) to a topic of one
 * partition and read back by one consumer of a group, for SECONDS (3 s uncounted first). Prints the
 * records sent and received and the CPU the broker process BROKER_PID spent meanwhile
 * (utime + stime from /proc, 100 ticks a second), in cores and in CPU-microseconds per record.
 * The topic is created for the run and deleted after it. Every wait is bounded: the whole run ends
 * within SECONDS + 40 s. Run it with the broker's own client library on the class path:
 * <pre>java -cp '.stack/kafka/libs/*' ops/tools/KafkaLoad.java BOOTSTRAP RATE SECONDS BROKER_PID</pre>
 */
public class KafkaLoad {
    private static final String TOPIC = "kafka-load-probe";
    private static final long WARM_UP_MILLIS = 3_000;

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: java -cp '.stack/kafka/libs/*' ops/tools/KafkaLoad.java BOOTSTRAP RATE SECONDS BROKER_PID");
            System.exit(2);
        }
        String bootstrap = args[0];
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        Path stat = Path.of("/proc", args[3], "stat");
        Map<String, Object> common = Map.of("bootstrap.servers", bootstrap, "request.timeout.ms", 10_000,
                "default.api.timeout.ms", 10_000);
        try (Admin admin = Admin.create(common)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(15, TimeUnit.SECONDS);
        }
        try {
            run(common, rate, seconds, stat);
        } finally {
            try (Admin admin = Admin.create(common)) {
                admin.deleteTopics(List.of(TOPIC)).all().get(15, TimeUnit.SECONDS);
            }
        }
    }

    private static void run(Map<String, Object> common, int rate, int seconds, Path stat) throws Exception {
        Properties producerSettings = new Properties();
        producerSettings.putAll(common);
        producerSettings.putAll(Map.of("acks", "all", "linger.ms", 5, "delivery.timeout.ms", 20_000,
                "key.serializer", ByteArraySerializer.class.getName(), "value.serializer", ByteArraySerializer.class.getName()));
        Properties consumerSettings = new Properties();
        consumerSettings.putAll(common);
        consumerSettings.putAll(Map.of("group.id", TOPIC, "auto.offset.reset", "earliest",
                "key.deserializer", ByteArrayDeserializer.class.getName(), "value.deserializer", ByteArrayDeserializer.class.getName()));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong received = new AtomicLong();
        Thread reader = Thread.ofPlatform().name("kafka-load-reader").start(() -> {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerSettings)) {
                consumer.subscribe(List.of(TOPIC));
                while (!stop.get()) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                    received.addAndGet(records.count());
                }
            }
        });
        byte[] value = new byte[200];
        long sent = 0;
        long sentAtStart = 0;
        long receivedAtStart = 0;
        long ticksAtStart = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerSettings)) {
            long start = System.nanoTime();
            long countFrom = start + TimeUnit.MILLISECONDS.toNanos(WARM_UP_MILLIS);
            long end = countFrom + TimeUnit.SECONDS.toNanos(seconds);
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            boolean counting = false;
            for (long next = start; next < end; next += interval) {
                LockSupport.parkNanos(next - System.nanoTime());
                if (!counting && next >= countFrom) {
                    counting = true;
                    sentAtStart = sent;
                    receivedAtStart = received.get();
                    ticksAtStart = ticks(stat);
                }
                producer.send(new ProducerRecord<>(TOPIC, Long.toString(sent).getBytes(), value));
                sent++;
            }
            producer.flush();
        }
        long ticks = ticks(stat) - ticksAtStart;
        long counted = sent - sentAtStart;
        stop.set(true);
        reader.join(15_000);
        long receivedInPhase = received.get() - receivedAtStart;
        System.out.printf("sent %d, received %d in %d s (%.1f records/s)%n", counted, receivedInPhase, seconds,
                counted / (double) seconds);
        System.out.printf("  broker: %.2f cores, %.0f CPU-us/record%n", ticks / 100.0 / seconds,
                ticks * 10_000.0 / counted);
    }

    /** utime + stime of the process, in ticks of 1/100 s. */
    private static long ticks(Path stat) throws Exception {
        String text = Files.readString(stat);
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
