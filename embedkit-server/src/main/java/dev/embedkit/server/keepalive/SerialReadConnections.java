package dev.embedkit.server.keepalive;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.internal.HttpConnection;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Jetty's HTTP/1.1 connections, each read by one thread at a time: the server's connection factory.
 * <p>
 * Jetty 12.1.12 refuses a request head it cannot parse (431 over its 8 KiB, 400 when malformed) from inside its
 * reader ({@code HttpConnection.onFillable}); the refusal is sent by another thread, which then starts a new reader on
 * the connection while the first may still be on its way out. The two share the connection's pooled request buffer,
 * which each may fill and release, with nothing to order them. Under load the soak saw answers cross connections
 * around 431s: a health GET answered with a 431, a huge-header GET with another connection's /embed answer, and
 * pooled connections closed without an answer. Here a connection's reader starts only when the one before it has
 * returned. {@code HttpConnection} is the same in 12.1.14 (compared class by class); SerialReadConnectionsTest shows
 * when a Jetty upgrade mends it.
 */
public final class SerialReadConnections extends HttpConnectionFactory {

    public SerialReadConnections(HttpConfiguration configuration) {
        super(configuration);
    }

    /** As {@link HttpConnectionFactory#newConnection}, with the reader serialized. */
    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        HttpConnection connection = new SerialReadConnection(getHttpConfiguration(), connector, endPoint);
        connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
        return configure(connection, connector, endPoint);
    }

    private static final class SerialReadConnection extends HttpConnection {
        // reentrant: Jetty runs a reader in the calling thread when its executor refuses the task
        private final ReentrantLock reading = new ReentrantLock();

        SerialReadConnection(HttpConfiguration configuration, Connector connector, EndPoint endPoint) {
            super(configuration, connector, endPoint);
        }

        /**
         * Holding the lock while a request is handled in this thread blocks no one: reading a body and writing an
         * answer complete through their own callbacks, never through {@code onFillable}.
         */
        @Override
        public void onFillable() {
            reading.lock();
            try {
                super.onFillable();
            } finally {
                reading.unlock();
            }
        }
    }
}
