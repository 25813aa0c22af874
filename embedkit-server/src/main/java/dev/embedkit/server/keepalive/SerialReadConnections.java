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
 * Jetty 12.1 answers a request it cannot parse (431 for headers over its 8 KiB, 400 for a malformed head) on another
 * thread, and once that answer is sent it starts a new reader ({@code HttpConnection.onFillable}) on the connection
 * while the thread that found the error is still leaving its own. Both then release the connection's pooled request
 * buffer; released twice, the buffer is handed to two other connections at once, which then parse each other's bytes.
 * The soak saw it as a huge-header GET answered with another connection's /embed answer, and as pooled connections
 * closed without an answer. Here a connection's reader waits for the one before it to return, by which time the
 * buffer is released and set aside, so the next reader takes a fresh one.
 */
public final class SerialReadConnections extends HttpConnectionFactory {

    public SerialReadConnections(HttpConfiguration configuration) {
        super(configuration);
    }

    /** As {@link HttpConnectionFactory#newConnection}, with the reader serialized. */
    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        HttpConnection connection = new SerialReadConnection(getHttpConfiguration(), connector, endPoint);
        connection.setUseInputDirectByteBuffers(isUseInputDirectByteBuffers());
        connection.setUseOutputDirectByteBuffers(isUseOutputDirectByteBuffers());
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
