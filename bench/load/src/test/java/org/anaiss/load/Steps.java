package org.anaiss.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latency per step of the ramp. Gatling's report has the whole run; the question here is the highest
 * arrival rate the suite sustains with p99 under the threshold, so every request is also counted in
 * the step (the plateau of the open-model ramp) it was sent in: response time (Gatling's own, from
 * the responseTimeInMillis check), status, requests in flight. Requests sent during the warm-up or a
 * ramp between two plateaus belong to no step.
 *
 * A step is sustained when its p99 is under the threshold and fewer than {@code maxErrorPercent} of
 * its requests failed. After {@code stopAfterBadSteps} unsustained steps in a row the load generator
 * is stopped: past the knee, more load only measures queues.
 */
final class Steps {

    /** One histogram: 1 ms buckets to 1 s, then 10 ms buckets to 60 s, then one overflow bucket. */
    static final class Histogram {
        private static final int FINE = 1000;
        private static final int COARSE = 5900;
        private final AtomicLongArray buckets = new AtomicLongArray(FINE + COARSE + 1);
        private final AtomicLong ok = new AtomicLong();
        private final AtomicLong ko = new AtomicLong();
        private final AtomicLong max = new AtomicLong();

        void record(long millis, boolean success) {
            int b = millis < FINE ? (int) millis : (int) Math.min(FINE + (millis - FINE) / 10, FINE + COARSE);
            buckets.incrementAndGet(b);
            (success ? ok : ko).incrementAndGet();
            max.accumulateAndGet(millis, Math::max);
        }

        long count() {
            return ok.get() + ko.get();
        }

        long ok() {
            return ok.get();
        }

        long ko() {
            return ko.get();
        }

        long max() {
            return max.get();
        }

        /** The upper bound of the bucket holding the given percentile, in ms (-1 without data). */
        long percentile(double p) {
            long n = count();
            if (n == 0) {
                return -1;
            }
            long rank = (long) Math.ceil(p / 100.0 * n);
            long seen = 0;
            for (int b = 0; b < buckets.length(); b++) {
                seen += buckets.get(b);
                if (seen >= rank) {
                    return b < FINE ? b : FINE + (long) (b - FINE + 1) * 10;
                }
            }
            return max.get();
        }

        double errorPercent() {
            long n = count();
            return n == 0 ? 0 : 100.0 * ko.get() / n;
        }
    }

    static final class Step {
        final int index;
        final double rate;
        final long startMillis;
        final long endMillis;
        final Histogram all = new Histogram();
        final Map<String, Histogram> byRequest = new ConcurrentHashMap<>();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final AtomicLong arrivals = new AtomicLong();
        volatile Boolean sustained;

        Step(int index, double rate, long startMillis, long endMillis) {
            this.index = index;
            this.rate = rate;
            this.startMillis = startMillis;
            this.endMillis = endMillis;
        }

        double seconds() {
            return (endMillis - startMillis) / 1000.0;
        }
    }

    private final List<Step> steps = new ArrayList<>();
    private final Step warmUp;
    private final long p99Millis;
    private final double maxErrorPercent;
    private final int stopAfterBadSteps;
    private final AtomicLong t0 = new AtomicLong();
    private final Path out;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger evaluated = new AtomicInteger();
    private final AtomicInteger badInARow = new AtomicInteger();
    private volatile String stopReason;
    private final java.util.concurrent.atomic.AtomicBoolean stopClaimed = new java.util.concurrent.atomic.AtomicBoolean();
    /** Failed requests by step, request and status ("none" when no answer came). */
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    private ScheduledExecutorService evaluator;

    Steps(Path out, double[] rates, int warmUpSeconds, int stepSeconds, int rampSeconds, long p99Millis, double maxErrorPercent,
            int stopAfterBadSteps) {
        this.out = out;
        this.p99Millis = p99Millis;
        this.maxErrorPercent = maxErrorPercent;
        this.stopAfterBadSteps = stopAfterBadSteps;
        this.warmUp = new Step(-1, rates[0], 0, warmUpSeconds * 1000L);
        long start = warmUpSeconds * 1000L;
        for (int i = 0; i < rates.length; i++) {
            steps.add(new Step(i, rates[i], start, start + stepSeconds * 1000L));
            start += (stepSeconds + rampSeconds) * 1000L;
        }
    }

    List<Step> steps() {
        return steps;
    }

    void startEvaluating() {
        evaluator = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "step-evaluator");
            t.setDaemon(true);
            return t;
        });
        evaluator.scheduleWithFixedDelay(this::evaluateEnded, 1, 1, TimeUnit.SECONDS);
    }

    void stopEvaluating() {
        if (evaluator != null) {
            evaluator.shutdownNow();
        }
    }

    /** Milliseconds since the first arrival (which starts the clock). */
    long now() {
        long start = t0.get();
        if (start == 0) {
            if (t0.compareAndSet(0, System.currentTimeMillis())) {
                started(t0.get());
            }
            start = t0.get();
        }
        return System.currentTimeMillis() - start;
    }

    /** started-at-ms: the clock's start (epoch ms), so bench/load.sh can put its samples in the same steps. */
    private void started(long epochMillis) {
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve("started-at-ms"), epochMillis + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Step stepAt(long t) {
        if (t < warmUp.endMillis) {
            return warmUp;
        }
        for (Step s : steps) {
            if (t >= s.startMillis && t < s.endMillis) {
                return s;
            }
        }
        return null;
    }

    void arrival() {
        Step s = stepAt(now());
        if (s != null) {
            s.arrivals.incrementAndGet();
        }
    }

    /** A request is about to be sent: returns its send time (ms since the start). */
    long sent() {
        long t = now();
        int n = inFlight.incrementAndGet();
        Step s = stepAt(t);
        if (s != null) {
            s.maxInFlight.accumulateAndGet(n, Math::max);
        }
        return t;
    }

    /** The answer came (or the request failed): counted in the step it was sent in. */
    void done(String request, long sentAt, Integer responseMillis, Integer status) {
        inFlight.decrementAndGet();
        long millis = responseMillis != null ? responseMillis : Math.max(0, now() - sentAt);
        boolean ok = status != null && status >= 200 && status < 300;
        Step s = stepAt(sentAt);
        if (s != null && !ok) {
            String key = (s.index < 0 ? "warm-up" : String.format(Locale.ROOT, "step %02d", s.index + 1)) + ": " + request + " -> "
                    + (status == null ? "no answer" : "HTTP " + status);
            failures.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        }
        if (s != null) {
            s.all.record(millis, ok);
            s.byRequest.computeIfAbsent(request, r -> new Histogram()).record(millis, ok);
        }
    }

    String stopReason() {
        return stopReason;
    }

    /** True once, for the one virtual user that stops the load generator (more calls would race its shutdown). */
    boolean shouldStop() {
        return stopReason != null && stopClaimed.compareAndSet(false, true);
    }

    /** Each step, a few seconds after it ended (its slowest requests answered or timed out): sustained or not. */
    private void evaluateEnded() {
        try {
            while (evaluated.get() < steps.size() && t0.get() != 0) {
                Step s = steps.get(evaluated.get());
                if (now() < s.endMillis + 3000) {
                    return;
                }
                evaluated.incrementAndGet();
                if (s.all.count() == 0) {
                    continue;
                }
                boolean ok = isSustained(s);
                s.sustained = ok;
                System.out.println(line(s));
                if (ok) {
                    badInARow.set(0);
                } else if (badInARow.incrementAndGet() >= stopAfterBadSteps && stopReason == null) {
                    stopReason = String.format(Locale.ROOT, "%d step(s) in a row over p99 %d ms or %.1f %% errors: the knee is passed",
                            stopAfterBadSteps, p99Millis, maxErrorPercent);
                    System.out.println("[load] stopping: " + stopReason);
                }
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
        }
    }

    private boolean isSustained(Step s) {
        return s.all.count() > 0 && s.all.percentile(99) < p99Millis && s.all.errorPercent() < maxErrorPercent;
    }

    private String line(Step s) {
        return String.format(Locale.ROOT, "[load] step %2d  %6.1f arrivals/s  %7.1f req/s  p50 %5d  p95 %5d  p99 %5d  max %5d ms"
                + "  errors %5.2f %%  in flight max %4d  %s",
                s.index + 1, s.arrivals.get() / s.seconds(), s.all.count() / s.seconds(), s.all.percentile(50),
                s.all.percentile(95), s.all.percentile(99), s.all.max(), s.all.errorPercent(), s.maxInFlight.get(),
                isSustained(s) ? "sustained" : "NOT sustained");
    }

    /** steps.csv, steps-by-request.csv and summary.txt in the given directory; the summary is returned too. */
    String write(Path dir) {
        try {
            Files.createDirectories(dir);
            StringBuilder csv = new StringBuilder(
                    "step,target_arrivals_per_s,arrivals_per_s,requests,req_per_s,ok,ko,error_percent,p50_ms,p95_ms,p99_ms,max_ms,max_in_flight,sustained\n");
            StringBuilder byRequest = new StringBuilder("step,target_arrivals_per_s,request,requests,req_per_s,ko,p50_ms,p95_ms,p99_ms,max_ms\n");
            List<Step> all = new ArrayList<>();
            all.add(warmUp);
            all.addAll(steps);
            Step best = null;
            for (Step s : all) {
                if (s.all.count() == 0) {
                    continue;
                }
                boolean ok = isSustained(s);
                String name = s.index < 0 ? "warmup" : String.valueOf(s.index + 1);
                csv.append(String.format(Locale.ROOT, "%s,%.1f,%.1f,%d,%.1f,%d,%d,%.2f,%d,%d,%d,%d,%d,%s%n", name, s.rate,
                        s.arrivals.get() / s.seconds(), s.all.count(), s.all.count() / s.seconds(), s.all.ok(), s.all.ko(),
                        s.all.errorPercent(), s.all.percentile(50), s.all.percentile(95), s.all.percentile(99), s.all.max(),
                        s.maxInFlight.get(), s.index < 0 ? "-" : ok));
                for (Map.Entry<String, Histogram> e : new TreeMap<>(s.byRequest).entrySet()) {
                    Histogram h = e.getValue();
                    byRequest.append(String.format(Locale.ROOT, "%s,%.1f,%s,%d,%.1f,%d,%d,%d,%d,%d%n", name, s.rate, e.getKey(),
                            h.count(), h.count() / s.seconds(), h.ko(), h.percentile(50), h.percentile(95), h.percentile(99), h.max()));
                }
                if (s.index >= 0 && ok && (best == null || s.rate > best.rate)) {
                    best = s;
                }
            }
            Files.writeString(dir.resolve("steps.csv"), csv);
            Files.writeString(dir.resolve("steps-by-request.csv"), byRequest);
            StringBuilder summary = new StringBuilder();
            summary.append(String.format(Locale.ROOT, "threshold: p99 < %d ms and errors < %.1f %% per step%n", p99Millis, maxErrorPercent));
            for (Step s : steps) {
                if (s.all.count() > 0) {
                    summary.append(line(s).replace("[load] ", "")).append('\n');
                }
            }
            if (best != null) {
                summary.append(String.format(Locale.ROOT, "sustained: %.1f arrivals/s = %.1f requests/s through the gateway with p99 %d ms (step %d)%n",
                        best.arrivals.get() / best.seconds(), best.all.count() / best.seconds(), best.all.percentile(99), best.index + 1));
            } else {
                summary.append("sustained: none of the steps (even the first one is over the threshold)\n");
            }
            if (stopReason != null) {
                summary.append("stopped early: ").append(stopReason).append('\n');
            }
            if (!failures.isEmpty()) {
                summary.append("failed requests:");
                new TreeMap<>(failures).forEach((k, v) -> summary.append("\n  ").append(k).append(" x ").append(v.get()));
                summary.append('\n');
            }
            Files.writeString(dir.resolve("summary.txt"), summary);
            return summary.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
