package io.marketbridge.claim;

import io.marketbridge.db.Database;
import io.marketbridge.db.Jdbc;
import io.marketbridge.intake.IntakeErrors;
import io.marketbridge.intake.IntakeReplay;
import io.marketbridge.intake.OrderChanges;
import io.marketbridge.intake.SafeMessages;
import io.marketbridge.marketplace.ErrorType;
import io.marketbridge.order.Marketplace;
import io.marketbridge.sink.FileSink;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared claim intake the marketplaces' claim polls call: each claim event (a claim's line in one
 * status) is recorded exactly once, however often it is read, retried or replayed after a crash, with the
 * guarantees orders have (see OrderIntake).
 *
 * <p>Per claim, one transaction inserts its new events into MB_CLAIM (the dedupe key: an event already there
 * is a duplicate, counted, never a second row) and, when the runtime delivered the claim's order, the change
 * rows that move the order's lines (MB_ORDER_CHANGE, see {@link ClaimChanges}). A claim whose order was never
 * delivered is recorded all the same, so the ERP can match it when the order arrives; the order intake then
 * delivers the order with the claimed lines marked ({@link ClaimLines}). Files follow the commit: the row
 * starts PENDING_JSON (JSON on), moves on once its JSON file (and its change file) is written, then
 * PENDING_CSV until the batch CSV holding it is written under a batch id assigned in the database first. A
 * crash in between leaves the state, and the account's next round writes what is missing.
 */
public class ClaimIntake {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimIntake.class);
    private static final DateTimeFormatter BATCH_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final int ID_LIMIT = 64;
    private static final int REASON_TEXT_LIMIT = 1000;

    /** What one poll's claims came to, in claim events (one per claim, status and line). */
    public record Report(int newEvents, int duplicates, int refusedClaims) {
    }

    private final DataSource dataSource;
    private final FileSink fileSink;
    private final ClaimFiles files;
    private final ClaimChanges changes;
    private final IntakeErrors errors;
    private final Clock clock;
    private final ClaimCatchUp catchUp;

    public ClaimIntake(DataSource dataSource, FileSink fileSink, OrderChanges orderChanges, IntakeErrors errors, Clock clock) {
        this.dataSource = dataSource;
        this.fileSink = fileSink;
        this.files = new ClaimFiles(fileSink);
        this.changes = new ClaimChanges(orderChanges);
        this.errors = errors;
        this.clock = clock;
        this.catchUp = new ClaimCatchUp(dataSource, orderChanges, clock);
    }

    /**
     * A stable claim id for a marketplace that gives none: "D" and 31 hex digits of the SHA-256 of the
     * marketplace and the fields, in the order given. Pass the fields that identify the claim and never change
     * while it moves on (the order id, the claim type, the lines or shipping unit it covers, the time it was
     * requested), never its status or anything read later, so every status of one claim gets the same id and
     * a re-read gets it again.
     */
    public static String derivedClaimId(Marketplace marketplace, String... identifyingFields) {
        StringBuilder text = new StringBuilder(marketplace.code());
        for (String field : identifyingFields) {
            text.append('\u001f').append(field == null ? "" : field);
        }
        return "D" + sha256(text.toString()).substring(0, 31);
    }

    /**
     * Records one poll's claims of an account, then writes the account's pending claim files (this poll's and
     * any a crash left). A claim that breaks the contract's limits, or whose rows the database refuses, goes to
     * MB_INTAKE_ERROR (MAPPING) with its raw payload, and the others go on.
     */
    public Report deliverPoll(String accountId, List<Claim> claims) throws SQLException {
        int added = 0;
        int duplicates = 0;
        int refused = 0;
        for (Claim claim : claims) {
            String problem = problem(claim);
            if (problem == null) {
                try {
                    int[] counts = record(claim);
                    added += counts[0];
                    duplicates += counts[1];
                    if (counts[2] == 0 && counts[0] > 0) {
                        // the order was not delivered when the events went in: it may have been a moment later
                        catchUp.afterClaim(claim.marketplace(), claim.accountId(), claim.orderId());
                    }
                    continue;
                } catch (SQLException e) {
                    if (!SafeMessages.isDataError(e)) {
                        throw e;
                    }
                    problem = SafeMessages.of(e);
                }
            }
            refused++;
            errors.record(claim.marketplace(), claim.accountId(), IntakeReplay.CLAIM_REF + claim.claimId(), ErrorType.MAPPING,
                    problem, claim.rawPayload());
        }
        writePendingFiles(accountId);
        if (added > 0 || refused > 0) {
            LOG.info("account={} job=claims new={} duplicates={} refused={}", accountId, added, duplicates, refused);
        }
        return new Report(added, duplicates, refused);
    }

    /**
     * Route step of the claim-poll template: records what the poll mapped (exchange property mbPoll) and counts
     * it into the poll's log line.
     */
    public Report deliverClaims(@org.apache.camel.ExchangeProperty(io.marketbridge.intake.PollContext.PROPERTY)
                                io.marketbridge.intake.PollContext<?> poll) throws SQLException {
        Report report = deliverPoll(poll.getAccountId(), poll.getClaims());
        poll.addClaimEvents(report.newEvents(), report.duplicates());
        for (int i = 0; i < report.refusedClaims(); i++) {
            poll.addMappingError();
        }
        poll.getClaims().clear();
        return report;
    }

    /**
     * One claim's transaction: {new events, duplicates, 1 when the order was delivered else 0}. Another node
     * committing it meanwhile makes them duplicates.
     */
    private int[] record(Claim claim) throws SQLException {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        for (int attempt = 1; ; attempt++) {
            try {
                return Jdbc.inTransaction(dataSource, c -> {
                    Set<String> recorded = new HashSet<>(ClaimLedger.recorded(c, claim));
                    boolean delivered = ClaimLedger.orderDelivered(c, claim.marketplace(), claim.accountId(), claim.orderId());
                    int[] counts = new int[3];
                    counts[2] = delivered ? 1 : 0;
                    for (ClaimEvent e : claim.events()) {
                        if (!recorded.add(e.lineId() + "|" + e.status())) {
                            counts[1]++;
                            continue;
                        }
                        ClaimLedger.insert(c, e, initialFileState(), now);
                        counts[0]++;
                        if (delivered) {
                            changes.record(c, e, now);
                        }
                    }
                    return counts;
                });
            } catch (SQLException e) {
                if (attempt >= 2 || !Database.isDuplicateKey(e)) {
                    throw e;
                }
                // another node recorded (part of) the claim first: read again what is there
            }
        }
    }

    /** A claim that cannot be a row of the contract: which field, never its value. */
    static String problem(Claim c) {
        if (c.marketplace() == null || c.type() == null || c.status() == null) {
            return "claim: marketplace, type and status are required";
        }
        List<String> problems = new ArrayList<>();
        checkId(problems, "accountId", c.accountId());
        checkId(problems, "claimId", c.claimId());
        checkId(problems, "orderId", c.orderId());
        if (c.lines().isEmpty()) {
            problems.add("lines: a claim needs at least one line");
        }
        for (ClaimLine l : c.lines()) {
            checkId(problems, "lineId", l.lineId());
            if (l.shipmentId() != null && l.shipmentId().length() > ID_LIMIT) {
                problems.add("shipmentId: longer than " + ID_LIMIT);
            }
            if (l.quantity() < 1) {
                problems.add("quantity: must be at least 1");
            }
        }
        if (c.reasonCode() != null && c.reasonCode().length() > ID_LIMIT) {
            problems.add("reasonCode: longer than " + ID_LIMIT);
        }
        if (c.marketplaceStatus() != null && c.marketplaceStatus().length() > 40) {
            problems.add("marketplaceStatus: longer than 40");
        }
        if (c.reasonText() != null && c.reasonText().length() > REASON_TEXT_LIMIT) {
            problems.add("reasonText: longer than " + REASON_TEXT_LIMIT);
        }
        return problems.isEmpty() ? null : "claim " + c.claimId() + ": " + String.join("; ", problems);
    }

    private static void checkId(List<String> problems, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(field + ": missing");
        } else if (value.length() > ID_LIMIT) {
            problems.add(field + ": longer than " + ID_LIMIT);
        }
    }

    private String initialFileState() {
        return fileSink.settings().json() ? ClaimLedger.PENDING_JSON : afterJsonState();
    }

    private String afterJsonState() {
        return fileSink.settings().csv() ? ClaimLedger.PENDING_CSV : ClaimLedger.DELIVERED;
    }

    /**
     * Writes the account's claim files that are due: the JSON file (and change file) of every row still
     * PENDING_JSON, then the batch CSVs: one left unfinished by a crash is rewritten under its name with its
     * rows, then a new batch takes every row still waiting for one.
     */
    public void writePendingFiles(String accountId) throws SQLException {
        publishJson(accountId);
        if (!fileSink.settings().csv()) {
            return;
        }
        for (String unfinished : Jdbc.inTransaction(dataSource, c -> ClaimLedger.unfinishedBatches(c, accountId))) {
            finishBatch(unfinished);
        }
        String batchId = "claims-" + accountId + "-" + BATCH_TIME.format(clock.instant())
                + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        int assigned = Jdbc.inTransaction(dataSource, c -> Jdbc.update(c, "UPDATE MB_CLAIM SET csv_batch = ?"
                + " WHERE account_id = ? AND file_state = ? AND csv_batch IS NULL", batchId, accountId, ClaimLedger.PENDING_CSV));
        if (assigned > 0) {
            finishBatch(batchId);
        }
    }

    private void publishJson(String accountId) throws SQLException {
        if (!fileSink.settings().json()) {
            return;
        }
        List<ClaimLedger.Stored> pending = Jdbc.inTransaction(dataSource,
                c -> ClaimLedger.inState(c, accountId, ClaimLedger.PENDING_JSON));
        if (pending.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            for (ClaimLedger.Stored row : pending) {
                files.writeJson(row.event(), row.collectedAt());
                changes.writeFile(c, row.event());
            }
        }
        Jdbc.inTransaction(dataSource, c -> {
            for (ClaimLedger.Stored row : pending) {
                Jdbc.update(c, "UPDATE MB_CLAIM SET file_state = ? WHERE id = ? AND file_state = ?",
                        afterJsonState(), row.id(), ClaimLedger.PENDING_JSON);
            }
            return null;
        });
    }

    private void finishBatch(String batchId) throws SQLException {
        List<ClaimLedger.Stored> rows = Jdbc.inTransaction(dataSource, c -> ClaimLedger.ofBatch(c, batchId));
        files.writeCsv(batchId, rows.stream().map(ClaimLedger.Stored::event).toList(),
                rows.stream().map(ClaimLedger.Stored::collectedAt).toList());
        Jdbc.inTransaction(dataSource, c -> Jdbc.update(c, "UPDATE MB_CLAIM SET file_state = ? WHERE csv_batch = ?",
                ClaimLedger.DELIVERED, batchId));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
