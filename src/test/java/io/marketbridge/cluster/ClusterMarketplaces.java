package io.marketbridge.cluster;

import io.marketbridge.simulator.ConfirmCalls;
import io.marketbridge.simulator.ReadOverlaps;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.coupang.CoupangSimulator;
import io.marketbridge.simulator.elevenst.ElevenstSimulator;
import io.marketbridge.simulator.esm.EsmSimulator;
import io.marketbridge.simulator.naver.NaverSimulator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The four marketplaces of the cluster test ({@link ClusterIT}), {@value #ACCOUNTS} accounts each: their simulators
 * (steady arrivals, no cancelling buyers, a rate limit just above what the accounts are given), the accounts, what
 * must be delivered and confirmed, and what the simulators counted.
 */
final class ClusterMarketplaces {

    static final int ACCOUNTS = 15;
    /** Calls per second an account is given (rate-per-second); the simulators refuse above {@link #SIMULATOR_LIMIT}. */
    static final int ACCOUNT_LIMIT = 3;
    static final int SIMULATOR_LIMIT = 5;
    static final String ORDERS = "0/3 * * * * ?";
    static final String CLAIMS = "1/10 * * * * ?";

    private ClusterMarketplaces() {
    }

    interface Marketplace {
        void simulator(Properties sim);

        void accounts(StringBuilder config, String simulatorUrl);

        void stopArrivals(SimulatorServer simulator);

        /** "MARKETPLACE/order id" -> line ids, once arrivals have stopped. */
        Map<String, Set<String>> expected(SimulatorServer simulator);

        boolean allConfirmed(SimulatorServer simulator);

        ConfirmCalls confirmCalls(SimulatorServer simulator);

        ReadOverlaps orderReads(SimulatorServer simulator);

        /** The peak calls per second of one limit key the simulator saw, and whether it refused any for the limit. */
        int peakPerKey(SimulatorServer simulator);

        long refusedForRate(SimulatorServer simulator);
    }

    static final List<Marketplace> ALL = List.of(new Coupang(), new Naver(), new Elevenst(), new Esm());

    static String id(String prefix, int i) {
        return prefix + String.format("%07d", 3000000 + i);
    }

    static final class Coupang implements Marketplace {
        @Override
        public void simulator(Properties sim) {
            List<String> vendors = new ArrayList<>();
            for (int i = 1; i <= ACCOUNTS; i++) {
                String v = id("A", i);
                vendors.add(v);
                sim.setProperty("marketbridge.simulators.coupang.vendor." + v + ".access-key", "ak-" + v);
                sim.setProperty("marketbridge.simulators.coupang.vendor." + v + ".secret-key", "sk-" + v + "-cluster");
            }
            sim.setProperty("marketbridge.simulators.coupang.vendors", String.join(",", vendors));
            sim.setProperty("marketbridge.simulators.coupang.seed-orders", "30");
            sim.setProperty("marketbridge.simulators.coupang.seed-span", "PT2H");
            sim.setProperty("marketbridge.simulators.coupang.arrival-per-minute", "6");
            sim.setProperty("marketbridge.simulators.coupang.rate-limit-per-second", String.valueOf(SIMULATOR_LIMIT));
        }

        @Override
        public void accounts(StringBuilder sb, String url) {
            for (int i = 1; i <= ACCOUNTS; i++) {
                String v = id("A", i);
                String p = "marketbridge.account.cl-coupang-" + i + ".";
                sb.append(p).append("marketplace = coupang\n").append(p).append("base-url = ").append(url).append('\n')
                        .append(p).append("vendor-id = ").append(v).append('\n')
                        .append(p).append("access-key = ak-").append(v).append('\n')
                        .append(p).append("secret-key = sk-").append(v).append("-cluster\n")
                        .append(p).append("orders.schedule = ").append(ORDERS).append('\n')
                        .append(p).append("claims.schedule = ").append(CLAIMS).append('\n')
                        .append(p).append("rate-per-second = ").append(ACCOUNT_LIMIT).append('\n');
            }
        }

        @Override
        public void stopArrivals(SimulatorServer s) {
            s.get(CoupangSimulator.class).stop();
        }

        @Override
        public Map<String, Set<String>> expected(SimulatorServer s) {
            CoupangSimulator coupang = s.get(CoupangSimulator.class);
            Map<String, Set<String>> expected = new HashMap<>();
            for (int i = 1; i <= ACCOUNTS; i++) {
                String v = id("A", i);
                for (Long orderId : coupang.orders(v).keySet()) {
                    Set<String> lines = new HashSet<>();
                    coupang.sheetsOf(v, orderId).forEach(sheet -> sheet.path("orderItems").forEach(item ->
                            lines.add(sheet.get("shipmentBoxId").asText() + "-" + item.get("vendorItemId").asText())));
                    expected.put("COUPANG/" + orderId, lines);
                }
            }
            return expected;
        }

        @Override
        public boolean allConfirmed(SimulatorServer s) {
            CoupangSimulator coupang = s.get(CoupangSimulator.class);
            for (int i = 1; i <= ACCOUNTS; i++) {
                String v = id("A", i);
                for (Long orderId : coupang.orders(v).keySet()) {
                    if (coupang.boxIdsOf(v, orderId).stream().anyMatch(b -> coupang.statusOf(v, b).equals("ACCEPT"))) {
                        return false;
                    }
                }
            }
            return true;
        }

        @Override
        public ConfirmCalls confirmCalls(SimulatorServer s) {
            return s.get(CoupangSimulator.class).confirmsPerUnit();
        }

        @Override
        public ReadOverlaps orderReads(SimulatorServer s) {
            return s.get(CoupangSimulator.class).orderListOverlaps();
        }

        @Override
        public int peakPerKey(SimulatorServer s) {
            return s.get(CoupangSimulator.class).peakRatePerVendor();
        }

        @Override
        public long refusedForRate(SimulatorServer s) {
            long n = 0;
            for (int i = 1; i <= ACCOUNTS; i++) {
                n += s.get(CoupangSimulator.class).throttledCalls(id("A", i));
            }
            return n;
        }
    }

    /** Naver sellers read claims from the same change feed as orders: their claims job is off, so feed reads are polls'. */
    static final class Naver implements Marketplace {
        @Override
        public void simulator(Properties sim) {
            List<String> sellers = new ArrayList<>();
            for (int i = 1; i <= ACCOUNTS; i++) {
                String s = id("N", i);
                sellers.add(s);
                sim.setProperty("marketbridge.simulators.naver.seller." + s + ".client-id", client(s));
                sim.setProperty("marketbridge.simulators.naver.seller." + s + ".client-secret", secret(s));
            }
            sim.setProperty("marketbridge.simulators.naver.sellers", String.join(",", sellers));
            sim.setProperty("marketbridge.simulators.naver.seed-orders", "15");
            sim.setProperty("marketbridge.simulators.naver.seed-span", "PT2H");
            sim.setProperty("marketbridge.simulators.naver.arrival-per-minute", "6");
            sim.setProperty("marketbridge.simulators.naver.rate-limit-per-second", String.valueOf(SIMULATOR_LIMIT));
        }

        @Override
        public void accounts(StringBuilder sb, String url) {
            for (int i = 1; i <= ACCOUNTS; i++) {
                String s = id("N", i);
                String p = "marketbridge.account.cl-naver-" + i + ".";
                sb.append(p).append("marketplace = naver\n").append(p).append("base-url = ").append(url).append("/external\n")
                        .append(p).append("client-id = ").append(client(s)).append('\n')
                        .append(p).append("client-secret = ").append(secret(s)).append('\n')
                        .append(p).append("orders.schedule = ").append(ORDERS).append('\n')
                        .append(p).append("claims.enabled = false\n")
                        .append(p).append("rate-per-second = ").append(ACCOUNT_LIMIT).append('\n');
            }
        }

        @Override
        public void stopArrivals(SimulatorServer s) {
            s.get(NaverSimulator.class).stop();
        }

        @Override
        public Map<String, Set<String>> expected(SimulatorServer s) {
            NaverSimulator naver = s.get(NaverSimulator.class);
            Map<String, Set<String>> expected = new HashMap<>();
            for (int i = 1; i <= ACCOUNTS; i++) {
                String seller = id("N", i);
                for (String orderId : naver.orderIds(seller)) {
                    Set<String> lines = new HashSet<>();
                    for (String po : naver.productOrderIds(seller, orderId)) {
                        if (!waitingGift(naver, seller, po)) {
                            lines.add(po);
                        }
                    }
                    if (!lines.isEmpty()) {
                        expected.put("NAVER/" + orderId, lines);
                    }
                }
            }
            return expected;
        }

        @Override
        public boolean allConfirmed(SimulatorServer s) {
            NaverSimulator naver = s.get(NaverSimulator.class);
            for (int i = 1; i <= ACCOUNTS; i++) {
                String seller = id("N", i);
                for (String orderId : naver.orderIds(seller)) {
                    for (String po : naver.productOrderIds(seller, orderId)) {
                        if (!waitingGift(naver, seller, po) && "NOT_YET".equals(naver.placeOrderStatusOf(seller, po))) {
                            return false;
                        }
                    }
                }
            }
            return true;
        }

        private static boolean waitingGift(NaverSimulator naver, String seller, String productOrderId) {
            return "WAIT_FOR_RECEIVING".equals(naver.detailOf(seller, productOrderId)
                    .path("productOrder").path("giftReceivingStatus").asText());
        }

        @Override
        public ConfirmCalls confirmCalls(SimulatorServer s) {
            return s.get(NaverSimulator.class).confirmsPerUnit();
        }

        @Override
        public ReadOverlaps orderReads(SimulatorServer s) {
            return s.get(NaverSimulator.class).feedOverlaps();
        }

        @Override
        public int peakPerKey(SimulatorServer s) {
            return s.get(NaverSimulator.class).peakRatePerClient();
        }

        @Override
        public long refusedForRate(SimulatorServer s) {
            return 0; // Naver's refusals are seen as peaks above the limit
        }

        static String client(String seller) {
            return "clusterClient" + seller;
        }

        static String secret(String seller) {
            return "$2a$04$ClustTestSecret" + seller.substring(1);
        }
    }

    static final class Elevenst implements Marketplace {
        @Override
        public void simulator(Properties sim) {
            List<String> sellers = new ArrayList<>();
            for (int i = 1; i <= ACCOUNTS; i++) {
                String s = id("S", i);
                sellers.add(s);
                sim.setProperty("marketbridge.simulators.elevenst.seller." + s + ".api-key", "cluster11stKey" + s);
            }
            sim.setProperty("marketbridge.simulators.elevenst.sellers", String.join(",", sellers));
            sim.setProperty("marketbridge.simulators.elevenst.seed-orders", "15");
            sim.setProperty("marketbridge.simulators.elevenst.seed-span", "PT2H");
            sim.setProperty("marketbridge.simulators.elevenst.arrival-per-minute", "6");
            sim.setProperty("marketbridge.simulators.elevenst.rate-limit-per-second", String.valueOf(SIMULATOR_LIMIT));
        }

        @Override
        public void accounts(StringBuilder sb, String url) {
            for (int i = 1; i <= ACCOUNTS; i++) {
                String s = id("S", i);
                String p = "marketbridge.account.cl-11st-" + i + ".";
                sb.append(p).append("marketplace = elevenst\n").append(p).append("base-url = ").append(url).append('\n')
                        .append(p).append("api-key = cluster11stKey").append(s).append('\n')
                        .append(p).append("orders.schedule = ").append(ORDERS).append('\n')
                        .append(p).append("claims.schedule = ").append(CLAIMS).append('\n')
                        .append(p).append("rate-per-second = ").append(ACCOUNT_LIMIT).append('\n');
            }
        }

        @Override
        public void stopArrivals(SimulatorServer s) {
            s.get(ElevenstSimulator.class).stop();
        }

        @Override
        public Map<String, Set<String>> expected(SimulatorServer s) {
            ElevenstSimulator elevenst = s.get(ElevenstSimulator.class);
            Map<String, Set<String>> expected = new HashMap<>();
            for (int i = 1; i <= ACCOUNTS; i++) {
                String seller = id("S", i);
                for (String ordNo : elevenst.orderIds(seller)) {
                    expected.put("11ST/" + ordNo, new HashSet<>(elevenst.statusOf(seller, ordNo).keySet()));
                }
            }
            return expected;
        }

        @Override
        public boolean allConfirmed(SimulatorServer s) {
            ElevenstSimulator elevenst = s.get(ElevenstSimulator.class);
            for (int i = 1; i <= ACCOUNTS; i++) {
                String seller = id("S", i);
                for (String ordNo : elevenst.orderIds(seller)) {
                    if (elevenst.statusOf(seller, ordNo).containsValue("202")) {
                        return false;
                    }
                }
            }
            return true;
        }

        @Override
        public ConfirmCalls confirmCalls(SimulatorServer s) {
            return s.get(ElevenstSimulator.class).confirmsPerUnit();
        }

        @Override
        public ReadOverlaps orderReads(SimulatorServer s) {
            return s.get(ElevenstSimulator.class).orderListOverlaps();
        }

        @Override
        public int peakPerKey(SimulatorServer s) {
            return s.get(ElevenstSimulator.class).peakRatePerSeller();
        }

        @Override
        public long refusedForRate(SimulatorServer s) {
            return s.get(ElevenstSimulator.class).refusedForRate();
        }
    }

    /**
     * ESM+ masters each selling on Gmarket and Auction; the simulator's order-query bucket is 300 ms per site seller
     * ID (ESM: 5 s) and the accounts keep 500 ms.
     */
    static final class Esm implements Marketplace {
        @Override
        public void simulator(Properties sim) {
            List<String> masters = new ArrayList<>();
            for (int i = 1; i <= ACCOUNTS; i++) {
                String m = "clmaster" + i;
                masters.add(m);
                String prefix = "marketbridge.simulators.esm.master." + m + ".";
                sim.setProperty(prefix + "secret", "cluster-esm-secret-" + m);
                sim.setProperty(prefix + "gmarket-sellers", "g" + m);
                sim.setProperty(prefix + "auction-sellers", "a" + m);
            }
            sim.setProperty("marketbridge.simulators.esm.masters", String.join(",", masters));
            sim.setProperty("marketbridge.simulators.esm.seed-orders", "8");
            sim.setProperty("marketbridge.simulators.esm.seed-span", "PT2H");
            sim.setProperty("marketbridge.simulators.esm.arrival-per-minute", "4");
            sim.setProperty("marketbridge.simulators.esm.order-query-interval-ms", "300");
        }

        @Override
        public void accounts(StringBuilder sb, String url) {
            sb.append("marketbridge.esm.order-query-interval-ms = 500\n");
            for (int i = 1; i <= ACCOUNTS; i++) {
                String m = "clmaster" + i;
                String p = "marketbridge.account.cl-esm-" + i + ".";
                sb.append(p).append("marketplace = esm\n").append(p).append("base-url = ").append(url).append('\n')
                        .append(p).append("master-id = ").append(m).append('\n')
                        .append(p).append("secret-key = cluster-esm-secret-").append(m).append('\n')
                        .append(p).append("gmarket-seller-id = g").append(m).append('\n')
                        .append(p).append("auction-seller-id = a").append(m).append('\n')
                        .append(p).append("orders.schedule = ").append(ORDERS).append('\n')
                        .append(p).append("claims.schedule = ").append(CLAIMS).append('\n')
                        .append(p).append("claim-statuses = 1\n");
            }
        }

        @Override
        public void stopArrivals(SimulatorServer s) {
            s.get(EsmSimulator.class).stop();
        }

        @Override
        public Map<String, Set<String>> expected(SimulatorServer s) {
            EsmSimulator esm = s.get(EsmSimulator.class);
            Map<String, Set<String>> expected = new HashMap<>();
            for (int i = 1; i <= ACCOUNTS; i++) {
                String m = "clmaster" + i;
                for (String[] site : new String[][] {{"G", "GMARKET", "g"}, {"A", "AUCTION", "a"}}) {
                    for (Long payNo : esm.payNos(site[0], site[2] + m)) {
                        Set<String> lines = new HashSet<>();
                        esm.orderNos(payNo).forEach(n -> lines.add(String.valueOf(n)));
                        expected.put(site[1] + "/" + payNo, lines);
                    }
                }
            }
            return expected;
        }

        @Override
        public boolean allConfirmed(SimulatorServer s) {
            EsmSimulator esm = s.get(EsmSimulator.class);
            for (int i = 1; i <= ACCOUNTS; i++) {
                String m = "clmaster" + i;
                for (String[] site : new String[][] {{"G", "g"}, {"A", "a"}}) {
                    for (Long payNo : esm.payNos(site[0], site[1] + m)) {
                        for (Long orderNo : esm.orderNos(payNo)) {
                            if (esm.statusOf(orderNo) == 1) {
                                return false;
                            }
                        }
                    }
                }
            }
            return true;
        }

        @Override
        public ConfirmCalls confirmCalls(SimulatorServer s) {
            return s.get(EsmSimulator.class).confirmsPerUnit();
        }

        @Override
        public ReadOverlaps orderReads(SimulatorServer s) {
            return s.get(EsmSimulator.class).orderListOverlaps();
        }

        @Override
        public int peakPerKey(SimulatorServer s) {
            return 0; // ESM's limit is its order-query bucket: refusals count
        }

        @Override
        public long refusedForRate(SimulatorServer s) {
            return s.get(EsmSimulator.class).rateLimitedCalls();
        }
    }
}
