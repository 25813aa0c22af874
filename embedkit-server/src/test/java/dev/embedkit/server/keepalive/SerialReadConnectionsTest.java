package dev.embedkit.server.keepalive;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Makes Jetty's race around its own refusals happen every time instead of once in ~100,000 requests: the thread
 * pool holds the connection's reader at the moment it hands the 431 to another thread, and notes whether a second
 * reader of the same connection runs to its end in the meantime.
 */
class SerialReadConnectionsTest {
    private static final String HTTP_READER = "org.eclipse.jetty.server.internal.HttpConnection";

    @Test
    void aConnectionIsNeverReadByTwoThreadsAtOnce() throws Exception {
        ReaderWatch watch = refuseOneHugeHead(SerialReadConnections::new);

        assertThat(watch.secondReaderStarted()).as("the 431's writer resumed the connection").isTrue();
        assertThat(watch.readersRanTogether()).as("second readers that ran while the first was inside").isZero();
    }

    /** Why the class exists; when a Jetty upgrade makes this fail, SerialReadConnections can go. */
    @Test
    void jettysOwnConnectionsStartASecondReaderWhileTheFirstIsInside() throws Exception {
        ReaderWatch watch = refuseOneHugeHead(HttpConnectionFactory::new);

        assertThat(watch.readersRanTogether()).isEqualTo(1);
    }

    /** Sends a head over Jetty's 8 KiB (a 431 from inside the reader), then one good request; both are answered. */
    private static ReaderWatch refuseOneHugeHead(Function<HttpConfiguration, HttpConnectionFactory> connections)
            throws Exception {
        ReaderWatch watch = new ReaderWatch();
        Server server = new Server(watch);
        ServerConnector connector = new ServerConnector(server, connections.apply(new HttpConfiguration()));
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.write(true, BufferUtil.toBuffer("ok"), callback);
                return true;
            }
        });
        server.start();
        try {
            String hugeHead = "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "x".repeat(20_000) + "\r\n\r\n";
            assertThat(statusLine(connector.getLocalPort(), hugeHead)).isEqualTo("HTTP/1.1 431 Request Header Fields Too Large");
            String good = "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
            assertThat(statusLine(connector.getLocalPort(), good)).isEqualTo("HTTP/1.1 200 OK");
            return watch;
        } finally {
            server.stop();
        }
    }

    private static String statusLine(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }

    /**
     * The server's thread pool. Jetty hands the refusal of a bad head to {@link #tryExecute} from inside the
     * connection's reader; this holds that reader there until the refusal's writer has resumed the connection
     * ({@link #execute} with the connection as the job) and the resumed reader has returned, or until it has been
     * blocked for {@link #BLOCKED_MS} — which is how a serialised reader shows.
     */
    private static final class ReaderWatch extends QueuedThreadPool {
        private static final long BLOCKED_MS = 500;

        private final CountDownLatch secondStarted = new CountDownLatch(1);
        private final CountDownLatch secondReturned = new CountDownLatch(1);
        private final AtomicInteger ranTogether = new AtomicInteger();
        private volatile boolean holding;

        @Override
        public boolean tryExecute(Runnable task) {
            if (holding || !insideReader()) {
                return super.tryExecute(task);
            }
            holding = true;
            execute(task);
            try {
                if (secondStarted.await(30, TimeUnit.SECONDS) && secondReturned.await(BLOCKED_MS, TimeUnit.MILLISECONDS)) {
                    ranTogether.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        }

        @Override
        public void execute(Runnable job) {
            if (holding && job instanceof Connection && secondStarted.getCount() > 0) {
                super.execute(() -> {
                    secondStarted.countDown();
                    job.run();
                    secondReturned.countDown();
                });
            } else {
                super.execute(job);
            }
        }

        boolean secondReaderStarted() {
            return secondStarted.getCount() == 0;
        }

        int readersRanTogether() {
            return ranTogether.get();
        }

        private static boolean insideReader() {
            return StackWalker.getInstance().walk(frames -> frames.anyMatch(
                    frame -> frame.getClassName().equals(HTTP_READER) && frame.getMethodName().equals("onFillable")));
        }
    }
}
