package dev.embedkit.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many clients at once get the answers one client gets alone: the shared search objects are read-only, and the
 * lazily built ones (index, unembedding, projections) are first asked for by many threads at once.
 */
class ConcurrencyTest {

    @Test
    void concurrentRequestsAgreeWithSequentialOnes(@TempDir Path dir) throws Exception {
        String[][] requests = {
                {"/api/v1/models/royals/neighbors", "{\"words\":[\"king\",\"woman\"],\"k\":3}"},
                {"/api/v1/models/royals/analogy", "{\"expression\":\"king - man + woman\",\"method\":\"mul\",\"k\":2}"},
                {"/api/v1/models/royals/unembed", "{\"vector\":[0.5,-1,0.25],\"k\":4,\"temperature\":0.7}"},
                {"/api/v1/models/next/predict", "{\"text\":\"a b\",\"k\":2}"},
                {"/api/v1/models/royals/embed", "{\"text\":\"prince apple\"}"},
                {"/api/v1/models/royals/projection?n=5", null},
        };
        List<String> concurrent = new ArrayList<>();
        try (TestServer server = new TestServer(dir.resolve("a"))) {
            // first use of every lazy structure happens under contention: 8 threads, 40 rounds of all requests
            try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
                List<Future<String>> answers = new ArrayList<>();
                for (int round = 0; round < 40; round++) {
                    for (String[] request : requests) {
                        answers.add(pool.submit(() -> call(server, request)));
                    }
                }
                for (Future<String> answer : answers) {
                    concurrent.add(answer.get());
                }
            }
        }
        List<String> sequential = new ArrayList<>();
        try (TestServer server = new TestServer(dir.resolve("b"))) {
            for (String[] request : requests) {
                sequential.add(call(server, request));
            }
        }
        for (int i = 0; i < concurrent.size(); i++) {
            assertThat(concurrent.get(i)).isEqualTo(sequential.get(i % requests.length));
        }
    }

    @Test
    void aLazyValueIsBuiltOnceUnderContention() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        Lazy<Object> lazy = new Lazy<>(() -> {
            builds.incrementAndGet();
            Thread.onSpinWait();
            return new Object();
        });
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> values = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 64; i++) {
                values.add(pool.submit(() -> {
                    go.await();
                    return lazy.get();
                }));
            }
            go.countDown();
            Object first = values.getFirst().get();
            for (Future<Object> value : values) {
                assertThat(value.get()).isSameAs(first);
            }
        }
        assertThat(builds.get()).isEqualTo(1);
    }

    private static String call(TestServer server, String[] request) {
        TestServer.Response response = request[1] == null ? server.get(request[0]) : server.post(request[0], request[1]);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.text();
    }
}
