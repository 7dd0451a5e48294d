package io.workflow.adapters.steps;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/** A TCP listener that counts the connections it accepts and closes each at once: proof that nobody connected. */
final class CountingListener implements AutoCloseable {
    private final ServerSocket socket;
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor;

    private CountingListener(InetAddress address, int port) throws IOException {
        socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(address, port));
        acceptor = Thread.ofVirtual().name("counting-listener").start(this::accept);
    }

    static CountingListener on(String address, int port) throws IOException {
        return new CountingListener(InetAddress.getByName(address), port);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Connections accepted so far, after giving one in flight a moment to arrive. */
    int accepted() throws InterruptedException {
        Thread.sleep(200);
        return accepted.get();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try (Socket connection = socket.accept()) {
                accepted.incrementAndGet();
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws Exception {
        socket.close();
        acceptor.join(2_000);
    }
}
