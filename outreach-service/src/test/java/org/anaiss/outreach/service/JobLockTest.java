package org.anaiss.outreach.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.anaiss.outreach.repository.Sql;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A job's round runs on one instance at a time ({@link Sql#exclusively}): while a round holds the job's lock,
 * another (here a second thread, as a second instance would) skips; once it ends, or its session is gone as when
 * the instance is killed, the next round runs.
 */
@QuarkusTest
class JobLockTest {

    @Inject
    Sql sql;

    @Test
    void aSecondRoundSkipsWhileTheFirstRunsAndRunsOnceItIsOver() throws Exception {
        String job = "test-" + UUID.randomUUID();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        CompletableFuture<Optional<Integer>> first = CompletableFuture.supplyAsync(() -> sql.exclusively(job, () -> {
            inside.countDown();
            await(release);
            return runs.incrementAndGet();
        }));
        assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
        Optional<Integer> second = CompletableFuture.supplyAsync(() -> sql.exclusively(job, runs::incrementAndGet)).get(30, TimeUnit.SECONDS);
        assertThat(second).as("skipped while the first round holds the lock").isEmpty();
        // another job is not held up
        assertThat(CompletableFuture.supplyAsync(() -> sql.exclusively(job + "-other", () -> 7)).get(30, TimeUnit.SECONDS)).contains(7);
        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS)).contains(1);
        assertThat(CompletableFuture.supplyAsync(() -> sql.exclusively(job, runs::incrementAndGet)).get(30, TimeUnit.SECONDS)).contains(2);
    }

    @Test
    void aLockWhoseSessionIsGoneIsFree() throws Exception {
        String job = "test-" + UUID.randomUUID();
        // an instance that took the lock and died: its session closes without unlocking
        SqlConnection dying = sql.pool().getConnection().await().indefinitely();
        Tuple key = Tuple.of("anaiss-outreach-job/" + job);
        assertThat(dying.preparedQuery("select pg_try_advisory_lock(hashtextextended($1, 0))").execute(key).await().indefinitely()
                .iterator().next().getBoolean(0)).isTrue();
        assertThat(CompletableFuture.supplyAsync(() -> sql.exclusively(job, () -> 1)).get(30, TimeUnit.SECONDS)).isEmpty();
        // the pool would keep the session open: terminated from the server side, as when the process is gone
        Integer pid = dying.query("select pg_backend_pid()").execute().await().indefinitely().iterator().next().getInteger(0);
        sql.pool().preparedQuery("select pg_terminate_backend($1)").execute(Tuple.of(pid)).await().indefinitely();
        assertThat(CompletableFuture.supplyAsync(() -> retried(job)).get(60, TimeUnit.SECONDS)).contains(1);
        dying.close().onFailure().recoverWithNull().await().indefinitely();
    }

    private Optional<Integer> retried(String job) {
        for (int i = 0; i < 50; i++) {
            Optional<Integer> ran = sql.exclusively(job, () -> 1);
            if (ran.isPresent()) {
                return ran;
            }
            sleep(100);
        }
        return Optional.empty();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
