package io.marketbridge.intake;

import io.marketbridge.db.Database;
import io.marketbridge.db.Jdbc;
import io.marketbridge.marketplace.ErrorType;
import io.marketbridge.marketplace.MappingException;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.Order;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * MB_INTAKE_ERROR: payloads that could not be mapped, kept with the reason so the rest of the page goes
 * through. One row per payload (seeing it again counts an occurrence). An operator sets status = 'REPLAY'
 * once the cause is fixed (a new version, or a corrected raw_payload) and the replay route
 * (routes/intake.camel.yaml, intake-error-replay) reads it, delivers it and marks it.
 */
public class IntakeErrors {

    public static final String OPEN = "OPEN";
    public static final String REPLAY = "REPLAY";
    public static final String REPLAYED = "REPLAYED";

    /**
     * A row the replay route reads (its columns by name: error_id -> errorId). The marketplace stays the stored
     * code, so a row an operator edited into an unknown code is reopened with that reason, not read forever.
     */
    public record ErrorRow(long errorId, String marketplace, String accountId, String payloadRef, String rawPayload) {
    }

    /** MB_INTAKE_ERROR.payload_ref is VARCHAR(100); longer references are keyed by a prefix and their hash. */
    static final int REF_LIMIT = 100;

    private final DataSource dataSource;
    private final Clock clock;

    public IntakeErrors(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** As {@link #record(Marketplace, String, String, ErrorType, String, String)}, the reason made from the failure. */
    /**
     * Maps one order a poll collected and adds it to the poll's orders. One that cannot be mapped is kept here with
     * its raw payload (to be replayed once its cause is fixed) and counted, and the poll goes on with the rest.
     *
     * @param mapping the mapped order, or null when the marketplace holds it back this poll
     * @param raw     the order's raw payload as the marketplace gave it
     */
    public void mapInto(PollContext<?> poll, Marketplace marketplace, String payloadRef, Supplier<Order> mapping,
                        Supplier<String> raw) throws SQLException {
        try {
            Order order = mapping.get();
            if (order != null) {
                poll.getOrders().add(order);
            }
        } catch (MappingException | IllegalArgumentException | ArithmeticException e) {
            record(marketplace, poll.getAccountId(), payloadRef, ErrorType.MAPPING, e, raw.get());
            poll.addMappingError();
        }
    }

    /**
     * Maps one marketplace claim (or a claim list entry that yields several claims) into the claims poll; one that
     * cannot be mapped goes to MB_INTAKE_ERROR (MAPPING) under {@link IntakeReplay#CLAIM_REF} + the reference,
     * with its raw payload, and the rest of the poll goes on.
     */
    public void mapClaimsInto(PollContext<?> poll, Marketplace marketplace, String claimRef,
                              Supplier<java.util.List<io.marketbridge.claim.Claim>> mapping, Supplier<String> raw)
            throws SQLException {
        try {
            poll.getClaims().addAll(mapping.get());
        } catch (MappingException | IllegalArgumentException | ArithmeticException e) {
            record(marketplace, poll.getAccountId(), IntakeReplay.CLAIM_REF + claimRef, ErrorType.MAPPING, e, raw.get());
            poll.addMappingError();
        }
    }

    public void record(Marketplace marketplace, String accountId, String payloadRef, ErrorType type, Throwable failure,
                       String rawPayload) throws SQLException {
        record(marketplace, accountId, payloadRef, type, SafeMessages.of(failure), rawPayload);
    }

    /**
     * Keeps a payload with the reason. Any reference and any payload fit: a reference over 100 characters (or
     * holding a control character) is kept whole in full_ref and keyed by a shortened form with its SHA-256;
     * control characters in the reason become spaces, and a NUL in the payload (which PostgreSQL cannot store
     * in text; JSON payloads carry it escaped) becomes U+FFFD.
     */
    public void record(Marketplace marketplace, String accountId, String payloadRef, ErrorType type, String reason,
                       String rawPayload) throws SQLException {
        String why = storableReason(reason);
        String key = key(payloadRef);
        String full = payloadRef.replace('\0', '\uFFFD');
        String raw = rawPayload == null ? null : rawPayload.replace('\0', '\uFFFD');
        Instant now = clock.instant();
        Jdbc.inTransaction(dataSource, c -> {
            // a row under REPLAY is left alone: the operator's corrected payload must not be overwritten
            int updated = Jdbc.update(c, "UPDATE MB_INTAKE_ERROR SET occurrences = occurrences + 1, reason = ?,"
                            + " error_type = ?, updated_at = ? WHERE marketplace = ? AND account_id = ? AND payload_ref = ?"
                            + " AND status <> ?",
                    why, type.name(), now, marketplace.code(), accountId, key, REPLAY);
            if (updated == 0 && !exists(c, marketplace, accountId, key)) {
                insert(c, marketplace, accountId, key, full, type, why, raw, now);
            }
            return null;
        });
    }

    /** The payload_ref a reference is kept under: itself when it fits VARCHAR(100) plainly, else a prefix and its hash. */
    static String key(String ref) {
        if (ref.length() <= REF_LIMIT && ref.chars().noneMatch(Character::isISOControl)) {
            return ref;
        }
        int cut = Math.min(ref.length(), REF_LIMIT - 71);
        if (cut > 0 && Character.isHighSurrogate(ref.charAt(cut - 1))) {
            cut--;
        }
        String prefix = ref.substring(0, cut).replaceAll("\\p{Cntrl}", "?");
        return prefix + "~sha256:" + OrderChanges.sha256(ref).substring(0, 62);
    }

    /** A reason as MB_INTAKE_ERROR.reason keeps it: control characters (but tab) as spaces, at most 1000 characters. */
    static String storableReason(String reason) {
        String why = reason == null ? "unknown error" : reason.replaceAll("[\\p{Cntrl}&&[^\\t]]", " ");
        return why.length() > 1000 ? why.substring(0, 1000) : why;
    }

    private void insert(Connection c, Marketplace marketplace, String accountId, String payloadRef, String fullRef,
                        ErrorType type, String why, String rawPayload, Instant now) throws SQLException {
        try {
            Jdbc.update(c, "INSERT INTO MB_INTAKE_ERROR (marketplace, account_id, payload_ref, full_ref, error_type, reason,"
                            + " raw_payload, status, occurrences, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,1,?,?)",
                    marketplace.code(), accountId, payloadRef, fullRef, type.name(), why, rawPayload, OPEN, now, now);
        } catch (SQLException e) {
            if (!Database.isDuplicateKey(e)) {
                throw e;
            }
        }
    }

    private static boolean exists(Connection c, Marketplace marketplace, String accountId, String ref) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM MB_INTAKE_ERROR"
                + " WHERE marketplace = ? AND account_id = ? AND payload_ref = ?")) {
            Jdbc.bind(ps, marketplace.code(), accountId, ref);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
