package io.marketbridge.bench;

import io.marketbridge.bench.BaselineIngest.Line;
import io.marketbridge.bench.BaselineIngest.Order;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the baselines share for the confirmation calls (option confirm=true): the runtime confirms every order it
 * delivered, so a baseline that is to be compared with a confirming runtime makes the same calls, chunked as the
 * runtime chunks them (Coupang 50 boxes, Naver 30 product orders, Lotte ON 20 orders a call; 11st one call per line,
 * ESM one per OrderNo, Qoo10 one per orderNo) and paced as the runtime's account paces them (option confirmRate,
 * calls per second per account; 0 is no pacing, as ESM's OrderCheck, which the runtime does not throttle).
 */
final class BaselineConfirms {

    private BaselineConfirms() {
    }

    /** confirm=true: make the confirmation calls after writing. */
    static boolean on(Map<String, String> options) {
        return Boolean.parseBoolean(options.getOrDefault("confirm", "false"));
    }

    /** confirmRate: calls per second per account, as the runtime's rate-per-second; 0 or absent is no pacing. */
    static int rate(Map<String, String> options) {
        return Integer.parseInt(options.getOrDefault("confirmRate", "0"));
    }

    /** The shipping units of the orders (each line's shipmentId, once each), in order: what the runtime confirms. */
    static List<String> units(List<Order> orders) {
        Set<String> units = new LinkedHashSet<>();
        for (Order o : orders) {
            for (Line l : o.lines()) {
                units.add(l.shipmentId());
            }
        }
        return new ArrayList<>(units);
    }

    /** One confirmation call. */
    interface Call<T> {
        T send() throws IOException, InterruptedException;
    }

    /**
     * Sends a confirmation call again when the connection fails (the JDK client may reuse a keep-alive connection the
     * server has just closed: "header parser received no bytes"), at most three times, as the runtime retries a call
     * that failed in transit. A confirmation is safe to repeat: the marketplace answers "already confirmed".
     */
    static <T> T retrying(Call<T> call) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.send();
            } catch (IOException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            chunks.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return chunks;
    }

    /**
     * At most rate calls started in any period of one second, like the runtime's throttle (Camel's throttle in
     * TotalRequests mode, keyed by the account). One per account, used by that account's task only.
     */
    static final class Pace {
        private final int rate;
        private final ArrayDeque<Long> starts = new ArrayDeque<>();

        Pace(int rate) {
            this.rate = rate;
        }

        void acquire() throws InterruptedException {
            if (rate <= 0) {
                return;
            }
            if (starts.size() == rate) {
                long wait = starts.peekFirst() + 1_000_000_000L - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                starts.pollFirst();
            }
            starts.addLast(System.nanoTime());
        }
    }
}
