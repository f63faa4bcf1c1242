package io.marketbridge.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.claim.ClaimIntake;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.OrderJson;
import io.marketbridge.simulator.SimulatedClaimLine;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.coupang.CoupangSimulator;
import io.marketbridge.simulator.elevenst.ElevenstSimulator;
import io.marketbridge.simulator.esm.EsmSimulator;
import io.marketbridge.simulator.naver.NaverSimulator;
import io.marketbridge.simulator.qoo10.Qoo10Simulator;
import io.marketbridge.support.Db;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The claims part of the crash test: buyers who cancel seconds after paying (so cancels arrive while the runtime is
 * being killed) and withdraw some of them, what the simulators hold once their buyers stop (each claim's line in
 * its current status, mapped as the connector maps it: docs/&lt;marketplace&gt;.md, "Claims"), and the check that
 * every such claim event is in MB_CLAIM once, in the claim JSON drop once and in the claim CSVs once.
 */
final class CrashClaims {

    static final String CANCEL_RATE = "0.05";
    static final String WITHDRAW_RATE = "0.3";
    /**
     * Short enough that withdrawals too arrive while the runtime is being killed (the kills take about a minute). On
     * Coupang and Naver a claim requested and withdrawn while no claims poll of its account ran leaves nothing to read
     * (the withdrawal names a receipt no list shows any more; Naver's detail drops the claim): see
     * {@link Expected#mayGoUnseen}.
     */
    static final String WITHDRAW_DELAY = "PT20S";

    /**
     * One claim event the runtime must hold: a claimed line in the status its claim has now. {@code mayGoUnseen}: a
     * withdrawn Coupang or Naver claim, which the runtime cannot see at all when it was requested and withdrawn while
     * no claims poll of its account ran (documented); such a claim is excused only when MB_CLAIM has no row of it.
     */
    record Expected(String marketplace, String account, String claimId, String orderId, String lineId, String status,
                    boolean mayGoUnseen) {
        String key() {
            return marketplace + "/" + account + "/" + orderId + "/" + lineId + "/" + status;
        }

        String order() {
            return marketplace + "/" + orderId;
        }
    }

    private CrashClaims() {
    }

    /** The simulator's buyers: cancel {@code cancelDelay} after payment, withdraw some. */
    static void buyers(Properties sim, String simulator, String cancelDelay) {
        buyers(sim, simulator, CANCEL_RATE, cancelDelay);
    }

    static void buyers(Properties sim, String simulator, String cancelRate, String cancelDelay) {
        String p = "marketbridge.simulators." + simulator + ".claims.";
        sim.setProperty(p + "cancel-rate", cancelRate);
        sim.setProperty(p + "cancel-delay", cancelDelay);
        sim.setProperty(p + "withdraw-rate", WITHDRAW_RATE);
        sim.setProperty(p + "withdraw-delay", WITHDRAW_DELAY);
    }

    /** The account's claims job, as often as its orders job. */
    static void schedule(StringBuilder config, String accountPrefix, String cron) {
        config.append(accountPrefix).append("claims.schedule = ").append(cron).append('\n');
    }

    // ---------------------------------------------------------------- what the simulators hold

    static List<Expected> coupang(SimulatorServer simulator, String account, String vendor) {
        List<Expected> out = new ArrayList<>();
        for (SimulatedClaimLine c : simulator.get(CoupangSimulator.class).claimLines(vendor)) {
            String status = c.withdrawn() ? "WITHDRAWN" : switch (c.status()) {
                case "RELEASE_STOP_UNCHECKED", "RETURNS_UNCHECKED", "REQUEST_COUPANG_CHECK", "RECEIPT" -> "REQUESTED";
                case "VENDOR_WAREHOUSE_CONFIRM", "PROGRESS" -> "APPROVED";
                case "RETURNS_COMPLETED", "SUCCESS" -> "COMPLETED";
                case "REJECT" -> "REJECTED";
                default -> throw new IllegalStateException("Coupang claim status " + c.status());
            };
            out.add(new Expected("COUPANG", account, c.claimId(), c.orderId(), c.lineId(), status, c.withdrawn()));
        }
        return out;
    }

    static List<Expected> naver(SimulatorServer simulator, String account, String seller) {
        List<Expected> out = new ArrayList<>();
        for (SimulatedClaimLine c : simulator.get(NaverSimulator.class).claimLines(seller)) {
            String status = c.withdrawn() ? "WITHDRAWN" : switch (c.status()) {
                case "CANCEL_REQUEST", "RETURN_REQUEST", "EXCHANGE_REQUEST", "COLLECTING" -> "REQUESTED";
                case "CANCELING", "ADMIN_CANCELING", "COLLECT_DONE", "EXCHANGE_REDELIVERING" -> "APPROVED";
                case "CANCEL_DONE", "ADMIN_CANCEL_DONE", "RETURN_DONE", "EXCHANGE_DONE" -> "COMPLETED";
                case "RETURN_REJECT", "EXCHANGE_REJECT" -> "REJECTED";
                case "CANCEL_REJECT", "ADMIN_CANCEL_REJECT" -> "WITHDRAWN";
                default -> throw new IllegalStateException("Naver claim status " + c.status());
            };
            out.add(new Expected("NAVER", account, c.claimId(), c.orderId(), c.lineId(), status, c.withdrawn()));
        }
        return out;
    }

    static List<Expected> elevenst(SimulatorServer simulator, String account, String seller) {
        List<Expected> out = new ArrayList<>();
        for (SimulatedClaimLine c : simulator.get(ElevenstSimulator.class).claimLines(seller)) {
            String status = c.kind().equals("CANCEL") ? switch (c.status()) {
                case "01" -> "REQUESTED";
                case "02" -> "COMPLETED";
                case "03" -> "WITHDRAWN";
                default -> throw new IllegalStateException("11st cancel status " + c.status());
            } : switch (c.status()) {
                case "103", "104", "105", "109", "201", "214" -> "REQUESTED";
                case "212", "301" -> "APPROVED";
                case "106", "221", "302" -> "COMPLETED";
                case "107", "232" -> "REJECTED";
                case "108", "233" -> "WITHDRAWN";
                default -> throw new IllegalStateException("11st clmStat " + c.status());
            };
            out.add(new Expected("11ST", account, c.claimId(), c.orderId(), c.lineId(), status, false));
        }
        return out;
    }

    static List<Expected> esm(SimulatorServer simulator, String account, String site, String marketplace, String seller) {
        List<Expected> out = new ArrayList<>();
        for (SimulatedClaimLine c : simulator.get(EsmSimulator.class).claimLines(site, seller)) {
            String status = switch (c.status()) {
                case "1" -> "REQUESTED";
                case "2" -> "APPROVED";
                case "3", "5", "6" -> "COMPLETED";
                case "4" -> "WITHDRAWN";
                case "0" -> "REJECTED";
                default -> throw new IllegalStateException("ESM claim status " + c.status());
            };
            out.add(new Expected(marketplace, account, c.claimId(), c.orderId(), c.lineId(), status, false));
        }
        return out;
    }

    /**
     * Qoo10's cancels: each orderNo (the line) with a ClaimStat, under its cart (packNo, the order), its claim id
     * derived as the connector derives it. Buyers here never withdraw (the simulator's buyers only request).
     */
    static List<Expected> qoo10(SimulatorServer simulator, String account, String seller) {
        List<Expected> out = new ArrayList<>();
        Qoo10Simulator qoo10 = simulator.get(Qoo10Simulator.class);
        qoo10.cartsOf(seller).forEach((packNo, orderNos) -> orderNos.forEach(orderNo -> {
            JsonNode row = qoo10.claimRowOf(orderNo);
            if (row == null) {
                return;
            }
            String status = switch (row.get("claimStatus").asText()) {
                case "1" -> "REQUESTED";
                case "2" -> "APPROVED";
                case "3" -> "COMPLETED";
                default -> throw new IllegalStateException("Qoo10 ClaimStat " + row.get("claimStatus").asText());
            };
            String claimId = ClaimIntake.derivedClaimId(Marketplace.QOO10, String.valueOf(orderNo), "CANCEL",
                    row.get("requestDate").asText());
            out.add(new Expected("QOO10", account, claimId, String.valueOf(packNo), String.valueOf(orderNo), status, false));
        }));
        return out;
    }

    /** marketplace/orderId/lineId of every line with a claim: such a line may be left out of its order, or never confirmed. */
    static Set<String> claimedLines(List<Expected> expected) {
        Set<String> lines = new HashSet<>();
        expected.forEach(e -> lines.add(e.order() + "/" + e.lineId()));
        return lines;
    }

    /** marketplace/orderId of every order with a claim. */
    static Set<String> claimedOrders(List<Expected> expected) {
        Set<String> orders = new HashSet<>();
        expected.forEach(e -> orders.add(e.order()));
        return orders;
    }

    // ---------------------------------------------------------------- the runtime's side

    /** Claim events of the simulators not (yet) in MB_CLAIM, the excusable unseen withdrawals left out. */
    static long missing(DataSource db, List<Expected> expected) {
        Set<String> recorded = new HashSet<>();
        Db.list(db, "SELECT marketplace || '/' || account_id || '/' || order_id || '/' || line_id || '/' || claim_status"
                + " FROM MB_CLAIM").forEach(k -> recorded.add(k.toString()));
        Set<String> claimIds = new HashSet<>();
        Db.list(db, "SELECT marketplace || '/' || claim_id FROM MB_CLAIM").forEach(id -> claimIds.add(id.toString()));
        return expected.stream().filter(e -> !recorded.contains(e.key()))
                .filter(e -> !unseen(e, claimIds)).count();
    }

    private static boolean unseen(Expected e, Set<String> recordedClaimIds) {
        return e.mayGoUnseen() && !recordedClaimIds.contains(e.marketplace() + "/" + e.claimId());
    }

    /** MB_CLAIM rows whose files are not all written. */
    static long pendingFiles(DataSource db) {
        return Db.count(db, "SELECT COUNT(*) FROM MB_CLAIM WHERE file_state <> 'DELIVERED'");
    }

    /**
     * After every runtime has stopped: each claim event of the simulators is in MB_CLAIM (for its order and line, in
     * its current status), each MB_CLAIM row has exactly one JSON file and one row across the claim CSVs, and no file
     * is without a row. Prints the figures.
     */
    static void verify(DataSource db, Path out, List<Expected> expected) throws IOException {
        // marketplace|account|claim|line|status|order of every row
        List<String[]> rows = Db.list(db, "SELECT marketplace || '|' || account_id || '|' || claim_id || '|' || line_id"
                + " || '|' || claim_status || '|' || order_id FROM MB_CLAIM").stream().map(o -> o.toString().split("\\|")).toList();
        Map<String, Integer> rowKeys = new HashMap<>();
        Set<String> recorded = new HashSet<>();
        Set<String> claimIds = new HashSet<>();
        Map<String, Integer> eventsPerMarketplace = new TreeMap<>();
        for (String[] r : rows) {
            rowKeys.merge(fileKey(r[0], r[1], r[2], r[3], r[4]), 1, Integer::sum);
            recorded.add(r[0] + "/" + r[1] + "/" + r[5] + "/" + r[3] + "/" + r[4]);
            claimIds.add(r[0] + "/" + r[2]);
            eventsPerMarketplace.merge(r[0], 1, Integer::sum);
        }
        List<Expected> lost = expected.stream().filter(e -> !recorded.contains(e.key()) && !unseen(e, claimIds)).toList();
        List<Expected> unseen = expected.stream().filter(e -> !recorded.contains(e.key()) && unseen(e, claimIds)).toList();
        // a row of a line no claim of the simulators ever covered
        Set<String> claimedLines = new HashSet<>();
        expected.forEach(e -> claimedLines.add(e.marketplace() + "/" + e.account() + "/" + e.orderId() + "/" + e.lineId()));
        List<String> phantoms = rows.stream().map(r -> r[0] + "/" + r[1] + "/" + r[5] + "/" + r[3])
                .filter(l -> !claimedLines.contains(l)).toList();
        // buyers here only request and withdraw (Coupang completes a cancel of an unacknowledged box at once): a row in
        // any other status than REQUESTED or its claim's status now was never true at the marketplace
        Map<String, Set<String>> reached = new HashMap<>();
        expected.forEach(e -> reached.computeIfAbsent(e.marketplace() + "/" + e.account() + "/" + e.orderId() + "/"
                + e.lineId(), k -> new HashSet<>(Set.of("REQUESTED"))).add(e.status()));
        List<String> neverReached = rows.stream().filter(r -> !reached.getOrDefault(r[0] + "/" + r[1] + "/" + r[5] + "/" + r[3],
                Set.of()).contains(r[4])).map(r -> String.join("/", r)).toList();

        Map<String, Integer> jsonKeys = new HashMap<>();
        List<Path> json = files(out.resolve("claims"));
        for (Path f : json) {
            assertThat(f.getFileName().toString()).endsWith(".json");
            JsonNode n = OrderJson.mapper().readTree(f.toFile());
            jsonKeys.merge(fileKey(n.get("marketplace").asText(), n.get("accountId").asText(), n.get("claimId").asText(),
                    n.get("lineId").asText(), n.get("claimStatus").asText()), 1, Integer::sum);
        }
        Map<String, Integer> csvKeys = new HashMap<>();
        List<Path> csvFiles = files(out.resolve("claims-csv"));
        int csvRows = 0;
        for (Path f : csvFiles) {
            // the drop's charset may be MS949: the key columns are ASCII, and no MS949 byte is a quote, comma or newline
            try (Reader r = Files.newBufferedReader(f, StandardCharsets.ISO_8859_1);
                 CSVParser csv = CSVParser.parse(r, CSVFormat.RFC4180.builder().setSkipHeaderRecord(false).get())) {
                boolean header = true;
                for (CSVRecord rec : csv) {
                    if (header) {
                        header = false;
                        continue;
                    }
                    csvRows++;
                    csvKeys.merge(fileKey(rec.get(0), rec.get(1), rec.get(2), rec.get(3), rec.get(4)), 1, Integer::sum);
                }
            }
        }
        Map<String, Long> claimsPerMarketplace = new TreeMap<>();
        Map<String, Long> withdrawnPerMarketplace = new TreeMap<>();
        expected.forEach(e -> {
            claimsPerMarketplace.merge(e.marketplace(), 1L, Long::sum);
            withdrawnPerMarketplace.merge(e.marketplace(), e.status().equals("WITHDRAWN") ? 1L : 0L, Long::sum);
        });
        List<Path> temps = files(out.resolve(".tmp"));
        System.out.printf("crash test: claims | simulator claim lines per marketplace=%s (withdrawn %s) | MB_CLAIM events"
                        + " per marketplace=%s total=%d | json files=%d | csv files=%d csv rows=%d | lost=%d unseen"
                        + " (requested and withdrawn between two polls)=%d phantom rows=%d never reached=%d | temp files left=%d%n",
                claimsPerMarketplace, withdrawnPerMarketplace, eventsPerMarketplace, rows.size(), json.size(),
                csvFiles.size(), csvRows, lost.size(), unseen.size(), phantoms.size(), neverReached.size(), temps.size());

        assertThat(expected).as("claims made by the simulators' buyers").isNotEmpty();
        assertThat(claimsPerMarketplace.keySet()).as("marketplaces with claims")
                .contains("COUPANG", "NAVER", "11ST", "QOO10").containsAnyOf("GMARKET", "AUCTION");
        assertThat(lost).as("claim events of the simulators missing in MB_CLAIM").isEmpty();
        assertThat(phantoms).as("MB_CLAIM rows of lines no claim covers").isEmpty();
        assertThat(neverReached).as("MB_CLAIM rows in a status their claim never had").isEmpty();
        assertThat(rowKeys.values()).as("MB_CLAIM rows per event").containsOnly(1);
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_CLAIM WHERE file_state <> 'DELIVERED'")).isZero();
        assertThat(json).hasSize(rows.size());
        assertThat(jsonKeys).as("claim JSON files per MB_CLAIM row").isEqualTo(rowKeys);
        assertThat(csvRows).isEqualTo(rows.size());
        assertThat(csvKeys).as("claim CSV rows per MB_CLAIM row").isEqualTo(rowKeys);
        assertThat(temps).isEmpty();
    }

    private static String fileKey(Object marketplace, Object account, Object claimId, Object lineId, Object status) {
        return marketplace + "/" + account + "/" + claimId + "/" + lineId + "/" + status;
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }
}
