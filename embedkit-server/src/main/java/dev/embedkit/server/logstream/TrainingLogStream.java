package dev.embedkit.server.logstream;

import dev.embedkit.server.problem.ProblemException;
import dev.embedkit.server.problem.ProblemType;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A growing training log as Server-Sent Events: each client gets every line from the start of the file, then the
 * new ones as they are appended, as events named {@value #EVENT} whose data is the line (one JSON object).
 * One thread polls the file for all clients, so a client costs a file position, not a thread; a comment line
 * every {@value #HEARTBEAT_MS} ms keeps idle connections (and proxies) from timing out.
 */
public final class TrainingLogStream implements Handler, AutoCloseable {
    public static final String EVENT = "log";
    static final long POLL_MS = 200;
    static final long HEARTBEAT_MS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(TrainingLogStream.class);

    private record Subscriber(SseClient client, LogFollower follower) {
    }

    private final Path file;
    private final int maxClients;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final SseHandler sse = new SseHandler(this::attach);
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "training-log-stream");
        thread.setDaemon(true);
        return thread;
    });

    public TrainingLogStream(Path file, int maxClients) {
        this.file = file;
        this.maxClients = maxClients;
        poller.scheduleWithFixedDelay(this::pollAll, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
        poller.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT_MS, HEARTBEAT_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * GET: refuses, with a problem, a request that does not accept an event stream (Javalin would answer it with an
     * empty 200) or one over the client limit; otherwise subscribes.
     */
    @Override
    public void handle(Context ctx) throws Exception {
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            throw new ProblemException(ProblemType.NOT_ACCEPTABLE, "this is a Server-Sent Events stream: send the header"
                    + " 'Accept: text/event-stream' (EventSource does; with curl: -N -H 'Accept: text/event-stream')", null);
        }
        if (subscribers.size() >= maxClients) {
            throw new ProblemException(ProblemType.TOO_MANY_STREAMS, subscribers.size()
                    + " training-log streams are open; the limit is " + maxClients + ". Try again later", null);
        }
        sse.handle(ctx);
    }

    private void attach(SseClient client) {
        client.keepAlive();
        Subscriber subscriber = new Subscriber(client, new LogFollower(file));
        client.onClose(() -> subscribers.remove(subscriber));
        subscribers.add(subscriber);
    }

    /** Sends each subscriber the lines it has not seen. Only the poller thread writes to the clients. */
    private void pollAll() {
        for (Subscriber subscriber : subscribers) {
            try {
                for (String line : subscriber.follower().poll()) {
                    subscriber.client().sendEvent(EVENT, line);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("training log {}: {}", file, e.toString());
            }
            if (subscriber.client().terminated()) {
                subscribers.remove(subscriber);
            }
        }
    }

    private void heartbeat() {
        for (Subscriber subscriber : subscribers) {
            subscriber.client().sendComment("keep-alive");
        }
    }

    /** Delivers what is left in the file, then ends every stream. Closing twice does nothing more. */
    @Override
    public synchronized void close() {
        if (poller.isShutdown()) {
            return;
        }
        try {
            poller.submit(this::pollAll).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("training log {}: last poll failed: {}", file, e.toString());
        }
        poller.shutdownNow();
        for (Subscriber subscriber : subscribers) {
            subscriber.client().close();
        }
        subscribers.clear();
    }
}
