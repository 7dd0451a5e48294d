import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Holds a server's API with slow clients and measures its liveness meanwhile, bounded in count and
 * time. Opens SLOW connections that each send the headers of a POST to /api/v1/workflows and a few
 * bytes of its body, then stop; then asks GET /health and GET /observe/health SAMPLES times each on
 * fresh connections and prints their latencies; finally says what became of the slow connections
 * (answered, closed by the server, still open). Only for 127.0.0.1.
 * <pre>java ops/tools/SlowClients.java PORT [SLOW=500] [SAMPLES=20] [HOLD_SECONDS=0]</pre>
 * HOLD_SECONDS: how long to keep the slow connections open after the samples (to watch the cut-off).
 */
public final class SlowClients {
    private static final int ANSWER_TIMEOUT_MS = 20_000;

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: java ops/tools/SlowClients.java PORT [SLOW=500] [SAMPLES=20] [HOLD_SECONDS=0]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        int slow = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int holdSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);

        List<Socket> held = new ArrayList<>();
        long opening = System.nanoTime();
        try {
            for (int i = 0; i < slow; i++) {
                held.add(openSlow(server));
            }
            System.out.printf("%d slow connections open (%d ms), each stopped after 10 of 100000 body bytes%n",
                    held.size(), (System.nanoTime() - opening) / 1_000_000);
            Thread.sleep(1_000);
            measure(server, "/health", samples);
            measure(server, "/observe/health", samples);
            if (holdSeconds > 0) {
                Thread.sleep(holdSeconds * 1_000L);
            }
            System.out.printf("the %d slow connections after %d s: %s%n", held.size(),
                    (System.nanoTime() - opening) / 1_000_000_000, fates(held));
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    private static Socket openSlow(InetSocketAddress server) throws IOException {
        Socket socket = new Socket();
        socket.connect(server, 5_000);
        String head = "POST /api/v1/workflows HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100000\r\n\r\n{\"name\": \"s";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    private static void measure(InetSocketAddress server, String path, int samples) {
        long[] millis = new long[samples];
        int failed = 0;
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            String outcome = get(server, path);
            millis[i] = (System.nanoTime() - start) / 1_000_000;
            if (!outcome.startsWith("HTTP/1.1 200")) {
                failed++;
                System.out.printf("  %s #%d: %s after %d ms%n", path, i, outcome, millis[i]);
            }
        }
        Arrays.sort(millis);
        System.out.printf("GET %-16s %d samples: p50 %d ms, max %d ms, not 200: %d%n",
                path, samples, millis[samples / 2], millis[samples - 1], failed);
    }

    private static String get(InetSocketAddress server, String path) {
        try (Socket socket = new Socket()) {
            socket.connect(server, 5_000);
            socket.setSoTimeout(ANSWER_TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64];
            int n = in.read(buffer);
            return n <= 0 ? "closed without an answer" : new String(buffer, 0, n, StandardCharsets.US_ASCII).lines().findFirst().orElse("");
        } catch (SocketTimeoutException e) {
            return "no answer within " + ANSWER_TIMEOUT_MS + " ms";
        } catch (IOException e) {
            return "failed: " + e;
        }
    }

    /** What became of the slow connections: answered (by status line), closed without an answer, or still open. */
    private static String fates(List<Socket> held) {
        Map<String, Integer> fates = new TreeMap<>();
        for (Socket socket : held) {
            String fate;
            try {
                socket.setSoTimeout(1);
                byte[] buffer = new byte[64];
                int n = socket.getInputStream().read(buffer);
                fate = n == -1 ? "closed without an answer"
                        : "answered " + new String(buffer, 0, n, StandardCharsets.US_ASCII).lines().findFirst().orElse("");
            } catch (SocketTimeoutException e) {
                fate = "still open";
            } catch (IOException e) {
                fate = "closed without an answer";
            }
            fates.merge(fate, 1, Integer::sum);
        }
        return fates.toString();
    }
}
