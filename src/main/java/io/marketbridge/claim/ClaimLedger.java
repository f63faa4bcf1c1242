package io.marketbridge.claim;

import io.marketbridge.db.Jdbc;
import io.marketbridge.order.Marketplace;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** MB_CLAIM as the runtime uses it: the rows (the dedupe key) and their file ledger (file_state, csv_batch). */
final class ClaimLedger {

    static final String PENDING_JSON = "PENDING_JSON";
    static final String PENDING_CSV = "PENDING_CSV";
    static final String DELIVERED = "DELIVERED";

    /** A row as stored, with what its files need. */
    record Stored(long id, ClaimEvent event, Instant collectedAt) {
    }

    private static final String COLUMNS = "id, marketplace, account_id, claim_id, line_id, claim_status, claim_type,"
            + " order_id, shipment_id, quantity, reason_code, reason_text, requested_at, status_at, marketplace_status,"
            + " raw_payload, collected_at";

    private ClaimLedger() {
    }

    /** "lineId|status" of the events of a claim already recorded. */
    static Set<String> recorded(Connection c, Claim claim) throws SQLException {
        Set<String> keys = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT line_id, claim_status FROM MB_CLAIM"
                + " WHERE marketplace = ? AND account_id = ? AND claim_id = ?")) {
            Jdbc.bind(ps, claim.marketplace().code(), claim.accountId(), claim.claimId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1) + "|" + rs.getString(2));
                }
            }
        }
        return keys;
    }

    static void insert(Connection c, ClaimEvent e, String fileState, Instant now) throws SQLException {
        Jdbc.update(c, "INSERT INTO MB_CLAIM (marketplace, account_id, claim_id, line_id, claim_status, claim_type,"
                        + " order_id, shipment_id, quantity, reason_code, reason_text, requested_at, status_at,"
                        + " marketplace_status, collected_at, raw_payload, file_state) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                e.marketplace().code(), e.accountId(), e.claimId(), e.lineId(), e.status().name(), e.type().name(),
                e.orderId(), e.shipmentId(), e.quantity(), e.reasonCode(), e.reasonText(), iso(e.requestedAt()),
                iso(e.statusAt()), e.marketplaceStatus(), now, e.rawPayload(), fileState);
    }

    /** Whether the runtime delivered the order (it has a ledger row), so its lines can move by change rows. */
    static boolean orderDelivered(Connection c, Marketplace marketplace, String accountId, String orderId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM MB_DELIVERY"
                + " WHERE marketplace = ? AND account_id = ? AND order_id = ?")) {
            Jdbc.bind(ps, marketplace.code(), accountId, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * The statuses an order's lines were delivered with (MB_ORDER_LINE, else the ledger's copy of the order when the
     * database sink is off); null when the order was not delivered.
     */
    static java.util.Map<String, io.marketbridge.order.OrderStatus> deliveredStatuses(Connection c, Marketplace marketplace,
            String accountId, String orderId) throws SQLException {
        String json;
        try (PreparedStatement ps = c.prepareStatement("SELECT order_json FROM MB_DELIVERY"
                + " WHERE marketplace = ? AND account_id = ? AND order_id = ?")) {
            Jdbc.bind(ps, marketplace.code(), accountId, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                json = rs.getString(1);
            }
        }
        java.util.Map<String, io.marketbridge.order.OrderStatus> statuses = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT line_id, status FROM MB_ORDER_LINE"
                + " WHERE marketplace = ? AND account_id = ? AND order_id = ?")) {
            Jdbc.bind(ps, marketplace.code(), accountId, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    statuses.put(rs.getString(1), rs.getString(2) == null ? null
                            : io.marketbridge.order.OrderStatus.valueOf(rs.getString(2)));
                }
            }
        }
        if (statuses.isEmpty() && json != null && !json.isEmpty()) {
            for (io.marketbridge.order.OrderLine l : io.marketbridge.order.OrderJson.fromJson(json).lines()) {
                statuses.put(l.lineId(), l.status());
            }
        }
        return statuses;
    }

    /** The events of one order line, oldest first. */
    static List<Stored> ofLine(Connection c, Marketplace marketplace, String accountId, String orderId, String lineId)
            throws SQLException {
        return read(c, "marketplace = ? AND account_id = ? AND order_id = ? AND line_id = ?", marketplace.code(), accountId,
                orderId, lineId);
    }

    /** The account's rows in a file state, oldest first. */
    static List<Stored> inState(Connection c, String accountId, String fileState) throws SQLException {
        return read(c, "account_id = ? AND file_state = ?", accountId, fileState);
    }

    /** The rows of one CSV batch, oldest first. */
    static List<Stored> ofBatch(Connection c, String batchId) throws SQLException {
        return read(c, "csv_batch = ?", batchId);
    }

    static List<String> unfinishedBatches(Connection c, String accountId) throws SQLException {
        List<String> batches = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT csv_batch FROM MB_CLAIM"
                + " WHERE account_id = ? AND file_state = ? AND csv_batch IS NOT NULL")) {
            Jdbc.bind(ps, accountId, PENDING_CSV);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    batches.add(rs.getString(1));
                }
            }
        }
        return batches;
    }

    private static List<Stored> read(Connection c, String where, Object... args) throws SQLException {
        List<Stored> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM MB_CLAIM WHERE " + where + " ORDER BY id")) {
            Jdbc.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ClaimEvent e = new ClaimEvent(Marketplace.fromCode(rs.getString(2)), rs.getString(3), rs.getString(4),
                            rs.getString(5), ClaimStatus.valueOf(rs.getString(6)), ClaimType.valueOf(rs.getString(7)),
                            rs.getString(8), rs.getString(9), rs.getInt(10), rs.getString(11), rs.getString(12),
                            time(rs.getString(13)), time(rs.getString(14)), rs.getString(15), rs.getString(16));
                    Timestamp collected = rs.getTimestamp(17);
                    rows.add(new Stored(rs.getLong(1), e, collected.toLocalDateTime().toInstant(ZoneOffset.UTC)));
                }
            }
        }
        return rows;
    }

    private static String iso(OffsetDateTime t) {
        return t == null ? null : t.toString();
    }

    private static OffsetDateTime time(String iso) {
        return iso == null ? null : OffsetDateTime.parse(iso);
    }
}
