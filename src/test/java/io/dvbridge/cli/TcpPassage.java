package io.dvbridge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP passage on a port of its own to a real service (PostgreSQL, RabbitMQ): {@link #cut()} closes the port and
 * every connection through it, as when the service goes away; {@link #open()} lets connections through again on
 * the same port, as when it comes back.
 */
final class TcpPassage implements AutoCloseable {

    private final int port = TriggerWorld.freePort();
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;

    TcpPassage(int target) {
        this.target = target;
        open();
    }

    int port() {
        return port;
    }

    synchronized void open() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            server = socket;
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + port, e);
        }
        ServerSocket listening = server;
        Thread acceptor = new Thread(() -> {
            while (!listening.isClosed()) {
                try {
                    Socket client = listening.accept();
                    Socket service = new Socket("127.0.0.1", target);
                    sockets.add(client);
                    sockets.add(service);
                    pump(client, service);
                    pump(service, client);
                } catch (IOException e) {
                    // closed by cut()
                }
            }
        }, "passage-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Closes the port and every connection through it. */
    synchronized void cut() {
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
        sockets.clear();
    }

    private void pump(Socket from, Socket to) {
        Thread pump = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // one side closed
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException e) {
                    // already closed
                }
            }
        }, "passage-pump-" + port);
        pump.setDaemon(true);
        pump.start();
    }

    @Override
    public void close() {
        cut();
    }
}
