import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load of fixed duration on one endpoint, and what it cost the server's processes:
 * CONNECTIONS clients, each a virtual thread with one HTTP/1.1 keep-alive socket, send the request
 * again as soon as the answer is in, so about CONNECTIONS requests are in the server at once (with
 * more than the API's permits, the rest wait in its queue). The request is a GET of URL, or a POST of
 * the JSON in BODY_FILE when one is given. 3 s uncounted warm-up, then SECONDS counted. Prints 2xx
 * answers per second, other answers, the mean 2xx body size, and the CPU that each of the processes
 * PIDS (comma-separated) spent meanwhile, each with its child processes (a PostgreSQL server's
 * backends, say): utime + stime from /proc/PID/stat, 100 ticks a second, in cores and in
 * CPU-microseconds per 2xx answer, then their total. Every connect and read has a 10 s time-out,
 * and the whole run ends within SECONDS + 25 s.
 * <pre>java ops/tools/EndpointLoad.java URL CONNECTIONS SECONDS PIDS [BODY_FILE]</pre>
 */
public class EndpointLoad {
    private static final long WARM_UP_MILLIS = 3_000;

    public static void main(String[] args) throws Exception {
        if (args.length != 4 && args.length != 5) {
            System.err.println("usage: java ops/tools/EndpointLoad.java URL CONNECTIONS SECONDS PIDS [BODY_FILE]");
            System.exit(2);
        }
        URI uri = URI.create(args[0]);
        int connections = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        List<String> pids = List.of(args[3].split(","));
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String host = "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n";
        byte[] request;
        if (args.length == 5) {
            byte[] body = Files.readAllBytes(Path.of(args[4]));
            byte[] head = ("POST " + target + " HTTP/1.1\r\n" + host + "Content-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            request = Arrays.copyOf(head, head.length + body.length);
            System.arraycopy(body, 0, request, head.length, body.length);
        } else {
            request = ("GET " + target + " HTTP/1.1\r\n" + host + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }
        AtomicLong ok = new AtomicLong();
        AtomicLong other = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean counting = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        List<Socket> sockets = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < connections; i++) {
            clients.add(Thread.ofVirtual().start(() -> {
                while (!stop.get()) {
                    Socket socket = new Socket();
                    sockets.add(socket);
                    try (socket) {
                        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
                        socket.setSoTimeout(10_000);
                        OutputStream out = socket.getOutputStream();
                        InputStream in = new BufferedInputStream(socket.getInputStream());
                        while (!stop.get()) {
                            out.write(request);
                            out.flush();
                            Answer answer = readResponse(in);
                            boolean success = answer.status() / 100 == 2;
                            if (counting.get()) {
                                (success ? ok : other).incrementAndGet();
                                if (success) {
                                    bytes.addAndGet(answer.length());
                                }
                            }
                            if (answer.closed()) {
                                break; // the server closes (a 503 does): connect again
                            }
                        }
                    } catch (IOException e) {
                        if (counting.get()) {
                            other.incrementAndGet();
                        }
                    } finally {
                        sockets.remove(socket); // a client that connects again keeps one socket listed, not all it had
                    }
                }
            }));
        }
        Thread.sleep(WARM_UP_MILLIS);
        long[] cpuBefore = cpuTicks(pids);
        long start = System.nanoTime();
        counting.set(true);
        Thread.sleep(seconds * 1_000L);
        counting.set(false);
        long[] cpuAfter = cpuTicks(pids);
        long end = System.nanoTime();
        stop.set(true);
        synchronized (sockets) {
            for (Socket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing only
                }
            }
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        for (Thread client : clients) {
            client.join(java.time.Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        }
        double elapsed = (end - start) / 1e9;
        long answers = ok.get();
        System.out.printf("2xx=%d other=%d %.1f req/s  avg body %d B%n", answers, other.get(), answers / elapsed,
                answers == 0 ? 0 : bytes.get() / answers);
        long total = 0;
        for (int i = 0; i < pids.size(); i++) {
            long ticks = cpuAfter[i] - cpuBefore[i];
            total += ticks;
            System.out.printf("  pid %s and its children: %.2f cores, %.0f CPU-us/request%n", pids.get(i),
                    ticks / 100.0 / elapsed, ticks * 10_000.0 / Math.max(1, answers));
        }
        System.out.printf("  total: %.2f cores, %.0f CPU-us/request%n", total / 100.0 / elapsed, total * 10_000.0 / Math.max(1, answers));
        System.exit(0);
    }

    /** One response: its status (0 when the server had closed the connection already), its body's length, and whether the server closes after it. */
    private record Answer(int status, long length, boolean closed) {
    }

    /** Reads one response: status line, headers, a Content-Length body. */
    private static Answer readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null || statusLine.length() < 12) {
            return new Answer(0, 0, true);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = 0;
        boolean close = false;
        String header;
        while ((header = line(in)) != null && !header.isEmpty()) {
            String lower = header.toLowerCase();
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(header.substring(15).trim());
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        in.skipNBytes(length);
        return new Answer(status, length, close);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int last = line.length() - 1;
                return last >= 0 && line.charAt(last) == '\r' ? line.substring(0, last) : line.toString();
            }
            line.append((char) c);
        }
        return line.isEmpty() ? null : line.toString();
    }

    /** For each of {@code pids}, the ticks it and every process below it have spent, read at one moment. */
    private static long[] cpuTicks(List<String> pids) throws IOException {
        Map<String, String> parents = new HashMap<>();
        Map<String, Long> ticks = new HashMap<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    String pid = process.getFileName().toString();
                    parents.put(pid, fields[1]);
                    ticks.put(pid, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                } catch (IOException gone) {
                    // the process ended meanwhile
                }
            }
        }
        long[] sums = new long[pids.size()];
        for (Map.Entry<String, Long> process : ticks.entrySet()) {
            // Walk up from each process; it counts for the first listed pid it finds itself below (or is).
            for (String pid = process.getKey(); pid != null && !pid.equals("0"); pid = parents.get(pid)) {
                int listed = pids.indexOf(pid);
                if (listed >= 0) {
                    sums[listed] += process.getValue();
                    break;
                }
            }
        }
        return sums;
    }
}
