package io.marketbridge.intake;

import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.coupang.CoupangSimulator;
import io.marketbridge.simulator.elevenst.ElevenstSimulator;
import io.marketbridge.simulator.esm.EsmSimulator;
import io.marketbridge.simulator.lotteon.LotteonSimulator;
import io.marketbridge.simulator.naver.NaverSimulator;
import io.marketbridge.simulator.qoo10.Qoo10Simulator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/** The six marketplaces of the crash test ({@link CrashRecoveryIT}): their simulators, accounts and what they expect. */
final class CrashParticipants {

    private CrashParticipants() {
    }

    /** Two Coupang vendors; one re-reads every box after acknowledging it, the other does not. */
    static final class CoupangParticipant implements CrashRecoveryIT.Participant {
        static final String[] VENDORS = {"A20000001", "A20000002"};

        @Override
        public void simulator(Properties sim) {
            sim.setProperty("marketbridge.simulators.coupang.vendors", String.join(",", VENDORS));
            for (String v : VENDORS) {
                sim.setProperty("marketbridge.simulators.coupang.vendor." + v + ".access-key", "ak-" + v);
                sim.setProperty("marketbridge.simulators.coupang.vendor." + v + ".secret-key", "sk-" + v + "-crash");
            }
            sim.setProperty("marketbridge.simulators.coupang.seed-orders", String.valueOf(CrashRecoveryIT.SEED_ORDERS_PER_VENDOR));
            sim.setProperty("marketbridge.simulators.coupang.seed-span", "PT3H");
            sim.setProperty("marketbridge.simulators.coupang.arrival-per-minute", "180");
            sim.setProperty("marketbridge.simulators.coupang.rate-limit-per-second", "1000");
            // only boxes paid while the test runs are claimed (not the seed), and a box cancelled before it is
            // acknowledged is done at once (never withdrawn): more buyers cancel here than elsewhere
            CrashClaims.buyers(sim, "coupang", "0.2", "PT5S");
        }

        @Override
        public void accounts(StringBuilder sb, String simulatorUrl) {
            for (String v : VENDORS) {
                String p = "marketbridge.account.crash-" + v + ".";
                sb.append(p).append("marketplace = coupang\n");
                sb.append(p).append("base-url = ").append(simulatorUrl).append('\n');
                sb.append(p).append("vendor-id = ").append(v).append('\n');
                sb.append(p).append("access-key = ak-").append(v).append('\n');
                sb.append(p).append("secret-key = sk-").append(v).append("-crash\n");
                sb.append(p).append("orders.schedule = 0/2 * * * * ?\n");
                CrashClaims.schedule(sb, p, "1/2 * * * * ?");
                sb.append(p).append("rate-per-second = 50\n");
            }
            sb.append("marketbridge.account.crash-A20000002.recheck-after-confirm = false\n");
        }

        @Override
        public void stopArrivals(SimulatorServer simulator) {
            simulator.get(CoupangSimulator.class).stop();
        }

        @Override
        public Map<String, Set<String>> expected(SimulatorServer simulator) {
            Map<String, Set<String>> expected = new HashMap<>();
            for (String v : VENDORS) {
                for (Long orderId : simulator.get(CoupangSimulator.class).orders(v).keySet()) {
                    Set<String> lines = new HashSet<>();
                    simulator.get(CoupangSimulator.class).sheetsOf(v, orderId).forEach(s -> s.path("orderItems").forEach(item ->
                            lines.add(s.get("shipmentBoxId").asText() + "-" + item.get("vendorItemId").asText())));
                    expected.put("COUPANG/" + orderId, lines);
                }
            }
            return expected;
        }

        @Override
        public boolean allConfirmed(SimulatorServer simulator, Set<String> claimedOrders) {
            CoupangSimulator coupang = simulator.get(CoupangSimulator.class);
            for (String v : VENDORS) {
                for (Long orderId : coupang.orders(v).keySet()) {
                    if (!claimedOrders.contains("COUPANG/" + orderId)
                            && coupang.boxIdsOf(v, orderId).stream().anyMatch(b -> coupang.statusOf(v, b).equals("ACCEPT"))) {
                        return false;
                    }
                }
            }
            return true;
        }

        @Override
        public List<CrashClaims.Expected> claims(SimulatorServer simulator) {
            List<CrashClaims.Expected> claims = new ArrayList<>();
            for (String v : VENDORS) {
                claims.addAll(CrashClaims.coupang(simulator, "crash-" + v, v));
            }
            return claims;
        }
    }

    /** Two Naver sellers; gifts still waiting for their receiver's address are nobody's to ship yet. */
    static final class NaverParticipant implements CrashRecoveryIT.Participant {
        static final String[] SELLERS = {"N2000001", "N2000002"};

        @Override
        public void simulator(Properties sim) {
            sim.setProperty("marketbridge.simulators.naver.sellers", String.join(",", SELLERS));
            for (String s : SELLERS) {
                sim.setProperty("marketbridge.simulators.naver.seller." + s + ".client-id", client(s));
                sim.setProperty("marketbridge.simulators.naver.seller." + s + ".client-secret", secret(s));
            }
            sim.setProperty("marketbridge.simulators.naver.seed-orders", String.valueOf(CrashRecoveryIT.SEED_ORDERS_PER_VENDOR / 2));
            sim.setProperty("marketbridge.simulators.naver.seed-span", "PT3H");
            sim.setProperty("marketbridge.simulators.naver.arrival-per-minute", "120");
            sim.setProperty("marketbridge.simulators.naver.rate-limit-per-second", "1000");
            CrashClaims.buyers(sim, "naver", "PT8S");
        }

        @Override
        public void accounts(StringBuilder sb, String simulatorUrl) {
            for (String s : SELLERS) {
                String p = "marketbridge.account.crash-naver-" + s + ".";
                sb.append(p).append("marketplace = naver\n");
                sb.append(p).append("base-url = ").append(simulatorUrl).append("/external\n");
                sb.append(p).append("client-id = ").append(client(s)).append('\n');
                sb.append(p).append("client-secret = ").append(secret(s)).append('\n');
                sb.append(p).append("orders.schedule = 1/2 * * * * ?\n");
                CrashClaims.schedule(sb, p, "0/2 * * * * ?");
                sb.append(p).append("rate-per-second = 50\n");
            }
        }

        @Override
        public void stopArrivals(SimulatorServer simulator) {
            simulator.get(NaverSimulator.class).stop();
        }

        @Override
        public Map<String, Set<String>> expected(SimulatorServer simulator) {
            Map<String, Set<String>> expected = new HashMap<>();
            for (String s : SELLERS) {
                for (String orderId : simulator.get(NaverSimulator.class).orderIds(s)) {
                    Set<String> lines = new HashSet<>();
                    for (String po : simulator.get(NaverSimulator.class).productOrderIds(s, orderId)) {
                        if (!waitingGift(simulator, s, po)) {
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
        public boolean allConfirmed(SimulatorServer simulator, Set<String> claimedOrders) {
            for (String s : SELLERS) {
                for (String orderId : simulator.get(NaverSimulator.class).orderIds(s)) {
                    if (claimedOrders.contains("NAVER/" + orderId)) {
                        continue;
                    }
                    for (String po : simulator.get(NaverSimulator.class).productOrderIds(s, orderId)) {
                        if (!waitingGift(simulator, s, po) && "NOT_YET".equals(simulator.get(NaverSimulator.class).placeOrderStatusOf(s, po))) {
                            return false;
                        }
                    }
                }
            }
            return true;
        }

        @Override
        public List<CrashClaims.Expected> claims(SimulatorServer simulator) {
            List<CrashClaims.Expected> claims = new ArrayList<>();
            for (String s : SELLERS) {
                claims.addAll(CrashClaims.naver(simulator, "crash-naver-" + s, s));
            }
            return claims;
        }

        private static boolean waitingGift(SimulatorServer simulator, String seller, String productOrderId) {
            return "WAIT_FOR_RECEIVING".equals(simulator.get(NaverSimulator.class).detailOf(seller, productOrderId)
                    .path("productOrder").path("giftReceivingStatus").asText());
        }

        static String client(String seller) {
            return "crashClient" + seller;
        }

        static String secret(String seller) {
            return "$2a$04$CrashTestSecret" + seller.substring(1);
        }
    }

    /** Two 11st sellers: orders of several lines in bundles, confirmed line by line (202 -> 301). */
    static final class ElevenstParticipant implements CrashRecoveryIT.Participant {
        static final String[] SELLERS = {"ST2000001", "ST2000002"};

        @Override
        public void simulator(Properties sim) {
            sim.setProperty("marketbridge.simulators.elevenst.sellers", String.join(",", SELLERS));
            for (String s : SELLERS) {
                sim.setProperty("marketbridge.simulators.elevenst.seller." + s + ".api-key", key(s));
            }
            sim.setProperty("marketbridge.simulators.elevenst.seed-orders", String.valueOf(CrashRecoveryIT.SEED_ORDERS_PER_VENDOR / 2));
            sim.setProperty("marketbridge.simulators.elevenst.seed-span", "PT3H");
            sim.setProperty("marketbridge.simulators.elevenst.arrival-per-minute", "120");
            sim.setProperty("marketbridge.simulators.elevenst.rate-limit-per-second", "1000");
            CrashClaims.buyers(sim, "elevenst", "PT10S");
        }

        @Override
        public void accounts(StringBuilder sb, String simulatorUrl) {
            for (String s : SELLERS) {
                String p = "marketbridge.account.crash-11st-" + s + ".";
                sb.append(p).append("marketplace = elevenst\n");
                sb.append(p).append("base-url = ").append(simulatorUrl).append('\n');
                sb.append(p).append("api-key = ").append(key(s)).append('\n');
                sb.append(p).append("orders.schedule = 0/2 * * * * ?\n");
                CrashClaims.schedule(sb, p, "1/2 * * * * ?");
                sb.append(p).append("rate-per-second = 20\n");
            }
        }

        @Override
        public void stopArrivals(SimulatorServer simulator) {
            simulator.get(ElevenstSimulator.class).stop();
        }

        @Override
        public Map<String, Set<String>> expected(SimulatorServer simulator) {
            Map<String, Set<String>> expected = new HashMap<>();
            for (String s : SELLERS) {
                for (String ordNo : simulator.get(ElevenstSimulator.class).orderIds(s)) {
                    expected.put("11ST/" + ordNo, new HashSet<>(simulator.get(ElevenstSimulator.class).statusOf(s, ordNo).keySet()));
                }
            }
            return expected;
        }

        @Override
        public boolean allConfirmed(SimulatorServer simulator, Set<String> claimedOrders) {
            for (String s : SELLERS) {
                for (String ordNo : simulator.get(ElevenstSimulator.class).orderIds(s)) {
                    if (!claimedOrders.contains("11ST/" + ordNo) && simulator.get(ElevenstSimulator.class).statusOf(s, ordNo).containsValue("202")) {
                        return false;
                    }
                }
            }
            return true;
        }

        @Override
        public List<CrashClaims.Expected> claims(SimulatorServer simulator) {
            List<CrashClaims.Expected> claims = new ArrayList<>();
            for (String s : SELLERS) {
                claims.addAll(CrashClaims.elevenst(simulator, "crash-11st-" + s, s));
            }
            return claims;
        }

        static String key(String seller) {
            return "crash11stKey" + seller;
        }
    }

    /**
     * Two ESM+ masters, each selling on Gmarket and Auction; the simulator's order-query bucket is shortened to
     * 300 ms (ESM: 5 s) and the accounts keep 350 ms between queries of a seller ID.
     */
    static final class EsmParticipant implements CrashRecoveryIT.Participant {
        static final String[] MASTERS = {"crashmaster1", "crashmaster2"};

        @Override
        public void simulator(Properties sim) {
            sim.setProperty("marketbridge.simulators.esm.masters", String.join(",", MASTERS));
            for (String m : MASTERS) {
                String prefix = "marketbridge.simulators.esm.master." + m + ".";
                sim.setProperty(prefix + "secret", secret(m));
                sim.setProperty(prefix + "gmarket-sellers", "g" + m);
                sim.setProperty(prefix + "auction-sellers", "a" + m);
            }
            sim.setProperty("marketbridge.simulators.esm.seed-orders", String.valueOf(CrashRecoveryIT.SEED_ORDERS_PER_VENDOR / 4));
            sim.setProperty("marketbridge.simulators.esm.seed-span", "PT3H");
            sim.setProperty("marketbridge.simulators.esm.arrival-per-minute", "60");
            sim.setProperty("marketbridge.simulators.esm.order-query-interval-ms", "300");
            CrashClaims.buyers(sim, "esm", "PT12S");
        }

        @Override
        public void accounts(StringBuilder sb, String simulatorUrl) {
            sb.append("marketbridge.esm.order-query-interval-ms = 350\n");
            for (String m : MASTERS) {
                String p = "marketbridge.account.crash-esm-" + m + ".";
                sb.append(p).append("marketplace = esm\n");
                sb.append(p).append("base-url = ").append(simulatorUrl).append('\n');
                sb.append(p).append("master-id = ").append(m).append('\n');
                sb.append(p).append("secret-key = ").append(secret(m)).append('\n');
                sb.append(p).append("gmarket-seller-id = g").append(m).append('\n');
                sb.append(p).append("auction-seller-id = a").append(m).append('\n');
                sb.append(p).append("orders.schedule = 1/2 * * * * ?\n");
                CrashClaims.schedule(sb, p, "0/3 * * * * ?");
                // buyers only cancel here: the ReturnStatus and ExchangeStatus reads (12 per site) would slow orders down
                sb.append(p).append("claim-statuses = 1\n");
            }
        }

        @Override
        public void stopArrivals(SimulatorServer simulator) {
            simulator.get(EsmSimulator.class).stop();
        }

        @Override
        public Map<String, Set<String>> expected(SimulatorServer simulator) {
            Map<String, Set<String>> expected = new HashMap<>();
            for (String m : MASTERS) {
                for (String[] site : new String[][] {{"G", "GMARKET", "g"}, {"A", "AUCTION", "a"}}) {
                    for (Long payNo : simulator.get(EsmSimulator.class).payNos(site[0], site[2] + m)) {
                        Set<String> lines = new HashSet<>();
                        simulator.get(EsmSimulator.class).orderNos(payNo).forEach(n -> lines.add(String.valueOf(n)));
                        expected.put(site[1] + "/" + payNo, lines);
                    }
                }
            }
            return expected;
        }

        @Override
        public boolean allConfirmed(SimulatorServer simulator, Set<String> claimedOrders) {
            for (String m : MASTERS) {
                for (String[] site : new String[][] {{"G", "g", "GMARKET"}, {"A", "a", "AUCTION"}}) {
                    for (Long payNo : simulator.get(EsmSimulator.class).payNos(site[0], site[1] + m)) {
                        if (claimedOrders.contains(site[2] + "/" + payNo)) {
                            continue;
                        }
                        for (Long orderNo : simulator.get(EsmSimulator.class).orderNos(payNo)) {
                            if (simulator.get(EsmSimulator.class).statusOf(orderNo) == 1) {
                                return false;
                            }
                        }
                    }
                }
            }
            return true;
        }

        @Override
        public List<CrashClaims.Expected> claims(SimulatorServer simulator) {
            List<CrashClaims.Expected> claims = new ArrayList<>();
            for (String m : MASTERS) {
                claims.addAll(CrashClaims.esm(simulator, "crash-esm-" + m, "G", "GMARKET", "g" + m));
                claims.addAll(CrashClaims.esm(simulator, "crash-esm-" + m, "A", "AUCTION", "a" + m));
            }
            return claims;
        }

        static String secret(String master) {
            return "crash-esm-secret-" + master;
        }
    }

    /**
     * Two Lotte ON traders: orders of several lines grouped by odNo, acknowledged line by line (IfComplete). Their
     * buyers do not cancel: Lotte ON lists no cancellations, so a line cancelled after the runtime read it would leave
     * its order's IfComplete refused with nothing in MB_CLAIM to excuse it. The claims poll reads returns only (steps
     * 23 to 26), and a return needs a shipped line, which this test does not make: no Lotte ON claim is expected.
     */
    static final class LotteonParticipant implements CrashRecoveryIT.Participant {
        static final String[] TRADERS = {"2000001", "2000002"};

        @Override
        public void simulator(Properties sim) {
            String prefix = "marketbridge.simulators.lotteon.";
            sim.setProperty(prefix + "traders", String.join(",", TRADERS));
            for (String t : TRADERS) {
                sim.setProperty(prefix + "trader." + t + ".api-key", key(t));
            }
            sim.setProperty(prefix + "seed-orders", String.valueOf(CrashRecoveryIT.SEED_ORDERS_PER_VENDOR / 4));
            sim.setProperty(prefix + "seed-span", "PT3H");
            sim.setProperty(prefix + "arrival-per-minute", "60");
            sim.setProperty(prefix + "rate-limit-per-second", "1000");
            sim.setProperty(prefix + "claims.cancel-rate", "0");
            sim.setProperty(prefix + "claims.return-rate", "0");
        }

        @Override
        public void accounts(StringBuilder sb, String simulatorUrl) {
            for (String t : TRADERS) {
                String p = "marketbridge.account.crash-lotteon-" + t + ".";
                sb.append(p).append("marketplace = lotteon\n");
                sb.append(p).append("base-url = ").append(simulatorUrl).append('\n');
                sb.append(p).append("api-key = ").append(key(t)).append('\n');
                sb.append(p).append("orders.schedule = 0/2 * * * * ?\n");
                CrashClaims.schedule(sb, p, "1/2 * * * * ?");
                // one one-day slice (4 step searches) a claims poll instead of eight (P7D): no return can arise here
                sb.append(p).append("claims.follow-window = PT1H\n");
                sb.append(p).append("rate-per-second = 50\n");
            }
        }

        @Override
        public void stopArrivals(SimulatorServer simulator) {
            simulator.get(LotteonSimulator.class).stop();
        }

        @Override
        public Map<String, Set<String>> expected(SimulatorServer simulator) {
            Map<String, Set<String>> expected = new HashMap<>();
            for (String t : TRADERS) {
                for (String odNo : simulator.get(LotteonSimulator.class).orderIds(t)) {
                    Set<String> lines = new HashSet<>();
                    deliveryRows(simulator, t, odNo).keySet().forEach(row -> lines.add(odNo + "-" + row));
                    if (!lines.isEmpty()) {
                        expected.put("LOTTEON/" + odNo, lines);
                    }
                }
            }
            return expected;
        }

        @Override
        public boolean allConfirmed(SimulatorServer simulator, Set<String> claimedOrders) {
            LotteonSimulator lotteon = simulator.get(LotteonSimulator.class);
            for (String t : TRADERS) {
                for (String odNo : lotteon.orderIds(t)) {
                    if (claimedOrders.contains("LOTTEON/" + odNo)) {
                        continue;
                    }
                    for (String row : deliveryRows(simulator, t, odNo).keySet()) {
                        int odSeq = Integer.parseInt(row.substring(0, row.indexOf('-')));
                        if (!"Y".equals(lotteon.ifCompleteOf(t, odNo, odSeq))) {
                            return false;
                        }
                    }
                }
            }
            return true;
        }

        /** None: nothing is shipped here, so no line can be returned; a return row would mean the simulator changed. */
        @Override
        public List<CrashClaims.Expected> claims(SimulatorServer simulator) {
            for (String t : TRADERS) {
                for (String odNo : simulator.get(LotteonSimulator.class).orderIds(t)) {
                    if (simulator.get(LotteonSimulator.class).stepsOf(t, odNo).keySet().stream().anyMatch(r -> !r.endsWith("-1"))) {
                        throw new IllegalStateException("Lotte ON order " + odNo + " has a return row, yet nothing was shipped");
                    }
                }
            }
            return List.of();
        }

        /** odSeq-procSeq -> step of the order's delivery rows (procSeq 1) not cancelled. */
        private static Map<String, String> deliveryRows(SimulatorServer simulator, String trader, String odNo) {
            Map<String, String> rows = new HashMap<>(simulator.get(LotteonSimulator.class).stepsOf(trader, odNo));
            rows.entrySet().removeIf(e -> !e.getKey().endsWith("-1") || e.getValue().equals("CANCELLED"));
            return rows;
        }

        static String key(String trader) {
            return "crashLotteonKey" + trader;
        }
    }

    /**
     * Two Qoo10 Japan sellers: carts (packNo) of one to three orderNos with Japanese buyers, each orderNo confirmed by
     * SetSellerCheckYN_V2. Their buyers ask to cancel paid orders (the simulator's claims.cancel-rate) and never take a
     * request back: the claims poll reads them (GetClaimInfo_V3, cancel stats only) and each stays REQUESTED. An
     * orderNo under a cancel request is no longer listed among new orders, and its confirmation is refused.
     */
    static final class Qoo10Participant implements CrashRecoveryIT.Participant {
        static final String[] SELLERS = {"crashqoo10a", "crashqoo10b"};

        @Override
        public void simulator(Properties sim) {
            String prefix = "marketbridge.simulators.qoo10.";
            sim.setProperty(prefix + "sellers", String.join(",", SELLERS));
            for (String s : SELLERS) {
                sim.setProperty(prefix + "seller." + s + ".api-key", "crashQoo10Key" + s);
                sim.setProperty(prefix + "seller." + s + ".password", "crashQoo10Pwd" + s);
            }
            sim.setProperty(prefix + "seed-orders", String.valueOf(CrashRecoveryIT.SEED_ORDERS_PER_VENDOR / 4));
            sim.setProperty(prefix + "seed-span", "PT3H");
            sim.setProperty(prefix + "arrival-per-minute", "60");
            // a cancel request about every five seconds, on any paid or confirmed orderNo of either seller
            sim.setProperty(prefix + "claims.cancel-rate", "0.2");
        }

        @Override
        public void accounts(StringBuilder sb, String simulatorUrl) {
            for (String s : SELLERS) {
                String p = "marketbridge.account." + account(s) + ".";
                sb.append(p).append("marketplace = qoo10\n");
                sb.append(p).append("base-url = ").append(simulatorUrl).append('\n');
                sb.append(p).append("api-key = crashQoo10Key").append(s).append('\n');
                sb.append(p).append("user-id = ").append(s).append('\n');
                sb.append(p).append("password = crashQoo10Pwd").append(s).append('\n');
                sb.append(p).append("csv-encoding = UTF-8\n");
                sb.append(p).append("orders.schedule = 0/2 * * * * ?\n");
                CrashClaims.schedule(sb, p, "1/2 * * * * ?");
                // buyers only cancel here: three lists a claims poll instead of six
                sb.append(p).append("claims.stats = 1,2,3\n");
                sb.append(p).append("rate-per-second = 20\n");
            }
        }

        @Override
        public void stopArrivals(SimulatorServer simulator) {
            simulator.get(Qoo10Simulator.class).stop();
        }

        @Override
        public Map<String, Set<String>> expected(SimulatorServer simulator) {
            Map<String, Set<String>> expected = new HashMap<>();
            for (String s : SELLERS) {
                simulator.get(Qoo10Simulator.class).cartsOf(s).forEach((packNo, orderNos) -> {
                    Set<String> lines = new HashSet<>();
                    orderNos.forEach(n -> lines.add(String.valueOf(n)));
                    expected.put("QOO10/" + packNo, lines);
                });
            }
            return expected;
        }

        /** Every orderNo of a cart without a claim is checked (status 3, from SetSellerCheckYN_V2) or further. */
        @Override
        public boolean allConfirmed(SimulatorServer simulator, Set<String> claimedOrders) {
            Qoo10Simulator qoo10 = simulator.get(Qoo10Simulator.class);
            for (String s : SELLERS) {
                for (Map.Entry<Long, List<Long>> cart : qoo10.cartsOf(s).entrySet()) {
                    if (!claimedOrders.contains("QOO10/" + cart.getKey())
                            && cart.getValue().stream().anyMatch(n -> qoo10.statusOf(n) < 3)) {
                        return false;
                    }
                }
            }
            return true;
        }

        @Override
        public List<CrashClaims.Expected> claims(SimulatorServer simulator) {
            List<CrashClaims.Expected> claims = new ArrayList<>();
            for (String s : SELLERS) {
                claims.addAll(CrashClaims.qoo10(simulator, account(s), s));
            }
            return claims;
        }

        static String account(String seller) {
            return "crash-qoo10-" + seller;
        }
    }
}
