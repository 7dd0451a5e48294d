import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop GET load of fixed duration on one URL, and what it cost one server process: CONNECTIONS
 * platform threads, one HTTP/1.1 keep-alive client each, send the request again as soon as the answer
 * is in; 3 s uncounted warm-up, then SECONDS counted. Prints answers per second, the mean body size,
 * and the CPU the process PID spent meanwhile (utime + stime from /proc/PID/stat, 100 ticks a
 * second), in cores and in CPU-microseconds per answer. Every request is bounded by a 10 s timeout.
 * <pre>java ops/tools/ListLoad.java URL CONNECTIONS SECONDS PID</pre>
 */
public class ListLoad {
    private static final long WARM_UP_MILLIS = 3_000;

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: java ops/tools/ListLoad.java URL CONNECTIONS SECONDS PID");
            System.exit(2);
        }
        URI uri = URI.create(args[0]);
        int connections = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        String pid = args[3];
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean counting = new AtomicBoolean();
        Thread[] clients = new Thread[connections];
        for (int i = 0; i < connections; i++) {
            clients[i] = Thread.ofPlatform().start(() -> {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build();
                while (!stop.get()) {
                    try {
                        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (counting.get() && response.statusCode() == 200) {
                            ok.incrementAndGet();
                            bytes.addAndGet(response.body().length);
                        } else if (counting.get()) {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        if (counting.get()) {
                            failed.incrementAndGet();
                        }
                    }
                }
            });
        }
        Thread.sleep(WARM_UP_MILLIS);
        long cpuBefore = cpuTicks(pid);
        long start = System.nanoTime();
        counting.set(true);
        Thread.sleep(seconds * 1_000L);
        counting.set(false);
        long cpuAfter = cpuTicks(pid);
        long end = System.nanoTime();
        stop.set(true);
        for (Thread client : clients) {
            client.join(15_000);
        }
        double elapsed = (end - start) / 1e9;
        long answers = ok.get();
        long ticks = cpuAfter - cpuBefore;
        System.out.printf("ok=%d errors=%d %.1f req/s  avg body %d B  server CPU %.2f cores, %.0f CPU-us/request%n",
                answers, failed.get(), answers / elapsed, answers == 0 ? 0 : bytes.get() / answers,
                ticks / 100.0 / elapsed, ticks * 10_000.0 / Math.max(1, answers));
    }

    /** The process's user and system time so far, in clock ticks. */
    private static long cpuTicks(String pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
