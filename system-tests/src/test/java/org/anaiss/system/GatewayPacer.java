package org.anaiss.system;

import java.util.HashMap;
import java.util.Map;

/**
 * The gateway's token buckets per client and route group (GatewayConfig's defaults and the gateway's
 * application.properties), mirrored below their size and rate, so that requests sent through the
 * gateway in bulk are judged on what they hold, not refused for their rate (429).
 */
final class GatewayPacer {

    private final Map<String, double[]> buckets = new HashMap<>();

    /** Waits until one more request of this client ({@code key}) to this route group may go. */
    void acquire(String key, String group) throws InterruptedException {
        double[] limit = switch (group) {
            case "stats", "partners" -> new double[] { 40, 14 };
            case "public" -> new double[] { 30, 7 };
            default -> new double[] { 140, 35 };
        };
        while (true) {
            long waitMillis;
            synchronized (this) {
                long now = System.nanoTime();
                double[] b = buckets.computeIfAbsent(key, k -> new double[] { limit[0], now });
                b[0] = Math.min(limit[0], b[0] + (now - b[1]) / 1e9 * limit[1]);
                b[1] = now;
                if (b[0] >= 1) {
                    b[0] -= 1;
                    return;
                }
                waitMillis = (long) Math.ceil((1 - b[0]) / limit[1] * 1000);
            }
            Thread.sleep(Math.max(1, waitMillis));
        }
    }
}
