package dev.embedkit.server.keepalive;

import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request Jetty refuses while parsing it (431, headers over 8 KiB) must not release the connection's request
 * buffer twice: a buffer released twice goes to two connections, which then read each other's requests. The pool
 * here counts releases of a buffer already back in the pool, and makes releasing a request buffer slow, so that the
 * reader Jetty starts after sending the 431 runs while the reader that found the error is still releasing: the race
 * the soak hit a few times in a million requests on a busy machine, made to happen every time.
 */
class SerialReadConnectionsTest {
    private static final int REFUSED = 20;
    /** Larger than the limit on a request's head (8 KiB), so that the refused head arrives in one read. */
    private static final int REQUEST_BUFFER = 16 * 1024;

    @Test
    void aRefusedRequestReleasesItsBufferOnce() throws Exception {
        SlowReleases pool = new SlowReleases();
        Server server = new Server();
        HttpConfiguration configuration = new HttpConfiguration();
        configuration.setInputBufferSize(REQUEST_BUFFER);
        ServerConnector connector = new ServerConnector(server, null, null, pool, -1, -1,
                new ConnectionFactory[] {new SerialReadConnections(configuration)});
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                callback.succeeded(); // 200, no body
                return true;
            }
        });
        server.start();
        try {
            for (int i = 0; i < REFUSED; i++) {
                assertThat(hugeHeaderAnswer(connector.getLocalPort())).startsWith("HTTP/1.1 431");
            }
        } finally {
            server.stop();
        }
        assertThat(pool.releasedAgain.get()).as("buffers released twice").isZero();
    }

    /** A GET with a 20 KB header; the answer up to the server's close. */
    private static String hugeHeaderAnswer(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Junk: " + "j".repeat(20_000)
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            StringBuilder answer = new StringBuilder();
            try {
                byte[] chunk = new byte[4_096];
                for (int n; (n = socket.getInputStream().read(chunk)) > 0; ) {
                    answer.append(new String(chunk, 0, n, StandardCharsets.US_ASCII));
                }
            } catch (IOException e) {
                // the server may reset after its answer: it closes with the rest of the header unread
            }
            return answer.toString();
        }
    }

    /**
     * Jetty's pool, whose request buffers (the only ones of {@value #REQUEST_BUFFER} bytes) take 50 ms to release
     * and count a release after their last; other buffers are as Jetty's, so the 431 goes out at once.
     */
    private static final class SlowReleases extends ByteBufferPool.Wrapper {
        final AtomicInteger releasedAgain = new AtomicInteger();

        SlowReleases() {
            super(new ArrayByteBufferPool());
        }

        @Override
        public RetainableByteBuffer acquire(int size, boolean direct) {
            RetainableByteBuffer buffer = super.acquire(size, direct);
            return size != REQUEST_BUFFER ? buffer : new RetainableByteBuffer.Wrapper(buffer) {
                private boolean back; // in the pool: released as often as acquired and retained

                @Override
                public boolean release() {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    synchronized (this) {
                        if (back) {
                            releasedAgain.incrementAndGet();
                            return false; // keeps the pool whole
                        }
                        back = super.release();
                        return back;
                    }
                }
            };
        }
    }
}
