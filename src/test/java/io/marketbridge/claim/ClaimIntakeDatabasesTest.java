package io.marketbridge.claim;

import static io.marketbridge.claim.ClaimFixtures.claim;
import static io.marketbridge.claim.ClaimFixtures.order;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.marketbridge.db.Database;
import io.marketbridge.intake.IntakeErrors;
import io.marketbridge.intake.OrderChanges;
import io.marketbridge.intake.OrderIntake;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.OrderStatus;
import io.marketbridge.sink.DatabaseSink;
import io.marketbridge.sink.FileSink;
import io.marketbridge.sink.FileSinkSettings;
import io.marketbridge.support.Db;
import io.marketbridge.support.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The claim intake on every supported database: each claim event is one MB_CLAIM row however often it is
 * read, its files follow the commit, and the order's lines move by MB_ORDER_CHANGE rows, there and back.
 * H2 always; PostgreSQL and MariaDB when they answer (skipped with the reason otherwise).
 */
class ClaimIntakeDatabasesTest {

    @TempDir
    Path out;

    private HikariDataSource ds;
    private OrderIntake orders;
    private ClaimIntake claims;

    private void open(String vendor, String schema) throws Exception {
        ds = Database.open(TestDatabases.prepare(vendor, schema), TestDatabases.user(vendor), "", 4);
        Database.migrate(ds);
        Clock clock = Clock.systemUTC();
        FileSink files = new FileSink(new FileSinkSettings(true, out, Set.of("json", "csv"), "UTF-8", false, false));
        OrderChanges changes = new OrderChanges(ds, files, clock);
        IntakeErrors errors = new IntakeErrors(ds, clock);
        orders = new OrderIntake(ds, new DatabaseSink(true), files, changes, errors, clock);
        claims = new ClaimIntake(ds, files, changes, errors, clock);
    }

    private void close(String vendor, String schema) {
        if (ds != null) {
            ds.close();
        }
        TestDatabases.drop(vendor, schema);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void eachEventOnceWithItsFilesAndChangeRowsThereAndBack(String vendor) throws Exception {
        String schema = TestDatabases.newSchema();
        try {
            open(vendor, schema);
            orders.deliver(order("acct", "O1", 2), true);
            orders.writeCsvBatches("acct");

            List<Claim> poll1 = List.of(claim("acct", "C1", "O1", ClaimType.CANCEL, ClaimStatus.REQUESTED, "L1"));
            assertThat(claims.deliverPoll("acct", poll1)).isEqualTo(new ClaimIntake.Report(1, 0, 0));
            // the same event again (a retry, a re-read) is a duplicate, never a second row; APPROVED is a new event
            List<Claim> poll2 = List.of(poll1.get(0), claim("acct", "C1", "O1", ClaimType.CANCEL, ClaimStatus.APPROVED, "L1"));
            assertThat(claims.deliverPoll("acct", poll2)).isEqualTo(new ClaimIntake.Report(1, 1, 0));
            assertThat(changes("L1")).containsExactly("CANCEL_REQUESTED"); // APPROVED leaves the line as it is
            assertThat(claims.deliverPoll("acct", List.of(claim("acct", "C1", "O1", ClaimType.CANCEL, ClaimStatus.WITHDRAWN, "L1"))))
                    .isEqualTo(new ClaimIntake.Report(1, 0, 0));
            assertThat(changes("L1")).containsExactly("CANCEL_REQUESTED", "CLAIM_WITHDRAWN");
            assertThat(detail("L1", "CLAIM_WITHDRAWN")).contains("\"lineStatus\":\"PAID\"").contains("\"claimId\":\"C1\"");

            List<Claim> rest = List.of(
                    claim("acct", "C2", "O1", ClaimType.RETURN, ClaimStatus.REQUESTED, "L2"),
                    claim("acct", "C2", "O1", ClaimType.RETURN, ClaimStatus.REJECTED, "L2"),
                    claim("acct", "C3", "O1", ClaimType.CANCEL, ClaimStatus.REQUESTED, "L2"),
                    claim("acct", "C3", "O1", ClaimType.CANCEL, ClaimStatus.COMPLETED, "L2"),
                    claim("acct", "C4", "O1", ClaimType.EXCHANGE, ClaimStatus.REQUESTED, "L1"),
                    claim("acct", "C4", "O1", ClaimType.EXCHANGE, ClaimStatus.COMPLETED, "L1"),
                    claim("acct", "C5", "O1", ClaimType.RETURN, ClaimStatus.REQUESTED, "L1"),
                    claim("acct", "C5", "O1", ClaimType.RETURN, ClaimStatus.COMPLETED, "L1"));
            assertThat(claims.deliverPoll("acct", rest)).isEqualTo(new ClaimIntake.Report(8, 0, 0));
            assertThat(changes("L2")).containsExactly("RETURN_REQUESTED", "CLAIM_REJECTED", "CANCEL_REQUESTED", "CANCELLED");
            assertThat(changes("L1")).containsExactly("CANCEL_REQUESTED", "CLAIM_WITHDRAWN", "EXCHANGE_REQUESTED", "EXCHANGED",
                    "RETURN_REQUESTED", "RETURNED");
            assertThat(detail("L2", "CLAIM_REJECTED")).contains("\"lineStatus\":\"PAID\"");
            assertThat(detail("L2", "CANCELLED")).contains("\"lineStatus\":\"CANCELLED\"").contains("\"quantity\":1");

            // every poll read again: nothing new, no row, no change, no file
            long files = fileCount();
            long changes = Db.count(ds, "SELECT COUNT(*) FROM MB_ORDER_CHANGE");
            List<Claim> all = new java.util.ArrayList<>(poll2);
            all.addAll(rest);
            assertThat(claims.deliverPoll("acct", all)).isEqualTo(new ClaimIntake.Report(0, 10, 0));
            assertThat(Db.count(ds, "SELECT COUNT(*) FROM MB_CLAIM")).isEqualTo(11);
            assertThat(Db.count(ds, "SELECT COUNT(*) FROM MB_ORDER_CHANGE")).isEqualTo(changes);
            assertThat(fileCount()).isEqualTo(files);

            // the ERP's rows are never rewritten
            assertThat(Db.list(ds, "SELECT DISTINCT erp_status FROM MB_CLAIM")).containsExactly("NEW");
            assertThat(Db.list(ds, "SELECT DISTINCT status FROM MB_ORDER_LINE")).containsExactly("PAID");
            assertThat(Db.list(ds, "SELECT DISTINCT file_state FROM MB_CLAIM")).containsExactly("DELIVERED");

            // one JSON file per event, one change file per change row, batch CSVs with every event once
            Path json = out.resolve("claims/COUPANG-acct-C1-L1-WITHDRAWN.json");
            assertThat(Files.readString(json)).contains("\"claimType\" : \"CANCEL\"").contains("\"claimStatus\" : \"WITHDRAWN\"")
                    .contains("\"requestedAt\" : \"2026-11-21T09:30:00+09:00\"").contains("\"rawPayload\" : {");
            assertThat(list("claims")).hasSize(11);
            assertThat(list("changes").stream().filter(p -> p.getFileName().toString().contains("-O1-")).count()).isEqualTo(changes);
            List<String> csvLines = list("claims-csv").stream().flatMap(p -> lines(p).stream().skip(1)).toList();
            assertThat(csvLines).hasSize(11);
            assertThat(lines(list("claims-csv").get(0)).get(0)).isEqualTo(String.join(",", ClaimFiles.CSV_COLUMNS));
            assertThat(csvLines.get(0)).startsWith("COUPANG,acct,C1,L1,REQUESTED,CANCEL,O1,U-O1,1,CHANGE_MIND,\"'=HYPERLINK(\"\"x\"\")\"");
        } finally {
            close(vendor, schema);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void filesMissingAfterTheCommitAreWrittenByTheNextRound(String vendor) throws Exception {
        String schema = TestDatabases.newSchema();
        try {
            open(vendor, schema);
            Files.createDirectories(out);
            Files.writeString(out.resolve("claims"), "a file where the folder should be"); // the JSON write fails
            Claim c = claim("acct", "C1", "O9", ClaimType.CANCEL, ClaimStatus.REQUESTED, "L1", "L2");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> claims.deliverPoll("acct", List.of(c)))
                    .isInstanceOf(java.io.UncheckedIOException.class);
            assertThat(Db.list(ds, "SELECT DISTINCT file_state FROM MB_CLAIM")).containsExactly("PENDING_JSON");
            assertThat(out.resolve("claims-csv")).doesNotExist();

            // the next poll reads the claim again: a duplicate, and the files that were missing
            Files.delete(out.resolve("claims"));
            Files.writeString(out.resolve("claims-csv"), "in the way"); // now the CSV write fails
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> claims.deliverPoll("acct", List.of(c)))
                    .isInstanceOf(java.io.UncheckedIOException.class);
            assertThat(list("claims")).hasSize(2);
            assertThat(Db.list(ds, "SELECT DISTINCT file_state FROM MB_CLAIM")).containsExactly("PENDING_CSV");
            List<Object> batch = Db.list(ds, "SELECT DISTINCT csv_batch FROM MB_CLAIM");
            assertThat(batch).hasSize(1).doesNotContainNull();

            Files.delete(out.resolve("claims-csv"));
            claims.writePendingFiles("acct");
            assertThat(Db.list(ds, "SELECT DISTINCT file_state FROM MB_CLAIM")).containsExactly("DELIVERED");
            assertThat(list("claims-csv")).extracting(p -> p.getFileName().toString()).containsExactly(batch.get(0) + ".csv");
            assertThat(lines(list("claims-csv").get(0))).hasSize(3);
            assertThat(Db.count(ds, "SELECT COUNT(*) FROM MB_CLAIM")).isEqualTo(2);
        } finally {
            close(vendor, schema);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void aClaimBeforeItsOrderIsKeptAndTheOrderArrivesWithTheLinesMarked(String vendor) throws Exception {
        String schema = TestDatabases.newSchema();
        try {
            open(vendor, schema);
            assertThat(claims.deliverPoll("acct", List.of(
                    claim("acct", "C7", "O7", ClaimType.CANCEL, ClaimStatus.COMPLETED, "L1"),
                    claim("acct", "C8", "O7", ClaimType.CANCEL, ClaimStatus.REQUESTED, "L2"),
                    claim("acct", "C9", "O7", ClaimType.CANCEL, ClaimStatus.REQUESTED, "L3"),
                    claim("acct", "C9", "O7", ClaimType.CANCEL, ClaimStatus.WITHDRAWN, "L3"))))
                    .isEqualTo(new ClaimIntake.Report(4, 0, 0));
            assertThat(Db.count(ds, "SELECT COUNT(*) FROM MB_ORDER_CHANGE")).isZero(); // nothing delivered to move yet

            assertThat(orders.deliver(order("acct", "O7", 4), true)).isEqualTo(OrderIntake.Outcome.NEW);
            orders.writeCsvBatches("acct");
            assertThat(Db.list(ds, "SELECT status FROM MB_ORDER_LINE WHERE order_id = 'O7' ORDER BY line_id"))
                    .containsExactly("CANCELLED", "CANCEL_REQUESTED", "PAID", "PAID");
            assertThat(Files.readString(out.resolve("json/COUPANG-acct-O7.json"))).contains("\"status\" : \"CANCELLED\"");
            assertThat(list("csv").stream().flatMap(p -> lines(p).stream()).filter(l -> l.contains(",O7,L1,")).toList())
                    .singleElement().asString().contains(",CANCELLED,");

            // from now on the order's lines move by change rows
            claims.deliverPoll("acct", List.of(claim("acct", "C8", "O7", ClaimType.CANCEL, ClaimStatus.REJECTED, "L2")));
            assertThat(changes("L2")).containsExactly("CLAIM_REJECTED");
            assertThat(detail("L2", "CLAIM_REJECTED")).contains("\"lineStatus\":\"PAID\"");
        } finally {
            close(vendor, schema);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void openOrCompletedCancelsAreFoundForTheShipmentDispatch(String vendor) throws Exception {
        String schema = TestDatabases.newSchema();
        try {
            open(vendor, schema);
            claims.deliverPoll("acct", List.of(
                    claim("acct", "C1", "O1", ClaimType.CANCEL, ClaimStatus.REQUESTED, "L1"),
                    claim("acct", "C2", "O1", ClaimType.CANCEL, ClaimStatus.APPROVED, "L2"),
                    claim("acct", "C3", "O1", ClaimType.CANCEL, ClaimStatus.REQUESTED, "L3"),
                    claim("acct", "C3", "O1", ClaimType.CANCEL, ClaimStatus.WITHDRAWN, "L3"),
                    claim("acct", "C4", "O1", ClaimType.CANCEL, ClaimStatus.COMPLETED, "L4"),
                    claim("acct", "C5", "O1", ClaimType.RETURN, ClaimStatus.REQUESTED, "L5"),
                    claim("acct", "C6", "O1", ClaimType.CANCEL, ClaimStatus.REQUESTED, "L6"),
                    claim("acct", "C6", "O1", ClaimType.CANCEL, ClaimStatus.REJECTED, "L6"),
                    claim("acct", "C7", "O1", ClaimType.CANCEL, ClaimStatus.REQUESTED, "L6")));
            assertThat(cancel("L1")).contains(OrderStatus.CANCEL_REQUESTED);
            assertThat(cancel("L2")).contains(OrderStatus.CANCEL_REQUESTED);
            assertThat(cancel("L3")).isEmpty();
            assertThat(ClaimLines.cancelState(ds, Marketplace.COUPANG, "acct", "O1", "L3")).isEqualTo(ClaimLines.Cancel.UNDONE);
            assertThat(cancel("L4")).contains(OrderStatus.CANCELLED);
            assertThat(cancel("L5")).isEmpty();
            assertThat(cancel("L6")).contains(OrderStatus.CANCEL_REQUESTED); // a second cancel after the first was refused
            assertThat(cancel("L7")).isEmpty();
            assertThat(ClaimLines.cancelState(ds, Marketplace.COUPANG, "other", "O1", "L1")).isEqualTo(ClaimLines.Cancel.NONE);
        } finally {
            close(vendor, schema);
        }
    }

    private Optional<OrderStatus> cancel(String lineId) throws Exception {
        return ClaimLines.cancel(ds, Marketplace.COUPANG, "acct", "O1", lineId);
    }

    /** The change types of a line, in the order they were recorded. */
    private List<Object> changes(String lineId) {
        return Db.list(ds, "SELECT change_type FROM MB_ORDER_CHANGE WHERE detail LIKE ? ORDER BY change_id",
                "%\"lineId\":\"" + lineId + "\"%");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void openClaimsAndHeldLinesAreCountedPerAccountAndType(String vendor) throws Exception {
        String schema = TestDatabases.newSchema();
        try {
            open(vendor, schema);
            orders.deliver(order("acct", "O1", 3), true);
            claims.deliverPoll("acct", List.of(
                    claim("acct", "C1", "O1", ClaimType.CANCEL, ClaimStatus.REQUESTED, "L1"),
                    claim("acct", "C1", "O1", ClaimType.CANCEL, ClaimStatus.APPROVED, "L1"),
                    claim("acct", "C2", "O1", ClaimType.CANCEL, ClaimStatus.REQUESTED, "L2"),
                    claim("acct", "C2", "O1", ClaimType.CANCEL, ClaimStatus.WITHDRAWN, "L2"),
                    claim("acct", "C3", "O1", ClaimType.CANCEL, ClaimStatus.COMPLETED, "L3"),
                    claim("acct", "R1", "O9", ClaimType.RETURN, ClaimStatus.REQUESTED, "L1"),
                    claim("other", "X1", "O5", ClaimType.EXCHANGE, ClaimStatus.REJECTED, "L1")));
            ClaimHolds holds = new ClaimHolds(ds);
            holds.refresh(null);
            // open: C1 (approved, not completed) and R1; C2 withdrawn, C3 completed, X1 rejected are not open
            assertThat(holds.openCounts().get("acct")).containsEntry(ClaimType.CANCEL, 1L).containsEntry(ClaimType.RETURN, 1L)
                    .containsEntry(ClaimType.EXCHANGE, 0L);
            assertThat(holds.openCounts()).doesNotContainKey("other"); // nothing open or held there: no gauge yet
            // held: L1 (open cancel) and L3 (completed cancel), never shipped; L2's cancel was withdrawn
            assertThat(holds.heldCounts()).containsEntry("acct", 2L);
            assertThat(holds.heldCounts()).doesNotContainKey("other");
            // once the open cancel completes and its line ships no more, the gauges of the account go down, not away
            claims.deliverPoll("acct", List.of(claim("acct", "R1", "O9", ClaimType.RETURN, ClaimStatus.COMPLETED, "L1")));
            holds.refresh(null);
            assertThat(holds.openCounts().get("acct")).containsEntry(ClaimType.RETURN, 0L);
        } finally {
            close(vendor, schema);
        }
    }

    /**
     * The orders job and the claims job of an account commit at the same moment: the claim's events went in while
     * the order was not delivered (no change row), and the order was delivered with the claims it read just
     * before (none). Whichever side looks again after committing writes the missing change rows, once.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void aClaimCommittedWhileItsOrderWasDeliveredStillMovesTheLine(String vendor) throws Exception {
        String schema = TestDatabases.newSchema();
        try {
            open(vendor, schema);
            io.marketbridge.order.Order order = order("acct", "O7", 2);
            orders.deliver(order, true); // read no claim
            // the claim's transaction, which saw no delivered order: its events, no change row
            java.time.Instant now = java.time.Instant.now();
            try (java.sql.Connection c = ds.getConnection()) {
                for (ClaimEvent e : claim("acct", "C7", "O7", ClaimType.CANCEL, ClaimStatus.REQUESTED, "L2").events()) {
                    ClaimLedger.insert(c, e, ClaimLedger.DELIVERED, now);
                }
            }
            assertThat(Db.count(ds, "SELECT COUNT(*) FROM MB_ORDER_CHANGE WHERE order_id = 'O7'")).isZero();

            ClaimCatchUp catchUp = new ClaimCatchUp(ds, new OrderChanges(ds,
                    new FileSink(new FileSinkSettings(true, out, Set.of("json", "csv"), "UTF-8", false, false)), Clock.systemUTC()),
                    Clock.systemUTC());
            catchUp.afterDelivery("acct", List.of(order));    // the order side looks again
            catchUp.afterClaim(Marketplace.COUPANG, "acct", "O7"); // and so does the claim side: still one row
            assertThat(Db.list(ds, "SELECT change_type FROM MB_ORDER_CHANGE WHERE order_id = 'O7'"))
                    .containsExactly("CANCEL_REQUESTED");
            assertThat(list("changes").stream().filter(p -> p.getFileName().toString().contains("-O7-")).count()).isEqualTo(1);

            // an order delivered with its claimed line already marked needs nothing more
            claims.deliverPoll("acct", List.of(claim("acct", "C8", "O8", ClaimType.CANCEL, ClaimStatus.REQUESTED, "L1")));
            orders.deliver(order("acct", "O8", 1), true);
            catchUp.afterClaim(Marketplace.COUPANG, "acct", "O8");
            assertThat(Db.count(ds, "SELECT COUNT(*) FROM MB_ORDER_CHANGE WHERE order_id = 'O8'")).isZero();
            assertThat(Db.list(ds, "SELECT status FROM MB_ORDER_LINE WHERE order_id = 'O8'")).containsExactly("CANCEL_REQUESTED");
        } finally {
            close(vendor, schema);
        }
    }

    private String detail(String lineId, String type) {
        return String.valueOf(Db.list(ds, "SELECT detail FROM MB_ORDER_CHANGE WHERE change_type = ? AND detail LIKE ?",
                type, "%\"lineId\":\"" + lineId + "\"%").get(0));
    }

    private List<Path> list(String dir) throws Exception {
        if (!Files.isDirectory(out.resolve(dir))) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(out.resolve(dir))) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private long fileCount() throws Exception {
        try (Stream<Path> s = Files.walk(out)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
