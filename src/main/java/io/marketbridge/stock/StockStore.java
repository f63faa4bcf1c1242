package io.marketbridge.stock;

import io.marketbridge.db.Database;
import io.marketbridge.db.Jdbc;
import io.marketbridge.dispatch.DueRows;
import io.marketbridge.shipment.ShipmentStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * MB_STOCK_PUSH, one row per listing: which listings need a push (their SKU's MB_STOCK figure differs from the
 * figure the marketplace last accepted), claiming them for one node, and their outcomes.
 *
 * <p>The figure pushed is the one MB_STOCK holds when the row is claimed, so any number of changes to a SKU between
 * two rounds become one call per listing with the latest figure. A row left SENDING by a stop is pushed again (with
 * the figure of that moment): setting a stock is idempotent, so a push repeated after kill -9 is harmless.
 */
public class StockStore {

    public static final String NEW = "NEW";
    public static final String SENDING = ShipmentStatus.SENDING;

    /** A listing due a push, as claimed. */
    public record Due(long listingRowId, String marketplace, String accountId, String listingId, String optionId,
                      String sellerSku, int quantity, Instant stockUpdatedAt, int attempts) {
    }

    /**
     * Per account, listings whose marketplace figure is not the ERP's: pending a push (or being pushed), REJECTED by
     * the marketplace, FAILED.
     */
    public record Counts(long pending, long rejected, long failed) {
    }

    private static final String DUE = "SELECT p.listing_row_id, p.status, p.quantity, p.attempts, p.claim_no,"
            + " l.marketplace, l.account_id, l.listing_id, l.option_id, l.seller_sku, s.quantity, s.updated_at"
            + " FROM MB_STOCK_PUSH p JOIN MB_LISTING l ON l.id = p.listing_row_id"
            + " JOIN MB_STOCK s ON s.seller_sku = l.seller_sku"
            + " WHERE p.status = 'NEW'"
            + " OR (p.status = 'SENT' AND (p.sent_quantity IS NULL OR p.sent_quantity <> s.quantity))"
            + " OR (p.status = 'REJECTED' AND (p.quantity IS NULL OR p.quantity <> s.quantity"
            + "     OR p.seller_sku IS NULL OR p.seller_sku <> l.seller_sku))"
            + " OR (p.status = 'FAILED' AND ((p.next_attempt_at IS NOT NULL AND p.next_attempt_at <= ?)"
            + "     OR (p.next_attempt_at IS NULL AND (p.quantity IS NULL OR p.quantity <> s.quantity))))"
            + " OR (p.status = 'SENDING' AND p.claimed_at < ?)"
            + " ORDER BY p.listing_row_id";

    private final DataSource dataSource;
    private final StockSettings settings;

    public StockStore(DataSource dataSource, StockSettings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
    }

    /** At start: this node's rows left SENDING by a stop become due at once. */
    public int reclaimOwn() throws SQLException {
        return Jdbc.inTransaction(dataSource, c -> Jdbc.update(c, "UPDATE MB_STOCK_PUSH SET claimed_at = ?"
                + " WHERE status = 'SENDING' AND claimed_by = ?", Instant.EPOCH, settings.rows().nodeId()));
    }

    /**
     * Claims up to {@code limit} listings due a push for this node (SENDING, claimed_by, the figure and SKU of this
     * moment). A listing mapped to a SKU with a figure gets its MB_STOCK_PUSH row first (NEW).
     */
    public List<Due> claim(int limit, Instant now) throws SQLException {
        addNewListings(now);
        Instant leaseEnd = now.minus(settings.rows().lease());
        return Jdbc.inTransaction(dataSource, c -> {
            List<Object[]> seen = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(DUE + " LIMIT " + limit)) {
                Jdbc.bind(ps, now, leaseEnd);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Timestamp updated = rs.getTimestamp(12);
                        Integer lastQuantity = rs.getObject(3) == null ? null : rs.getInt(3);
                        seen.add(new Object[] {rs.getLong(1), rs.getString(2), lastQuantity, rs.getInt(4), rs.getInt(5),
                                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                                rs.getInt(11), updated == null ? null : updated.toLocalDateTime().toInstant(java.time.ZoneOffset.UTC)});
                    }
                }
            }
            List<Due> claimed = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("UPDATE MB_STOCK_PUSH SET status = 'SENDING', claimed_by = ?,"
                    + " claimed_at = ?, claim_no = claim_no + 1, quantity = ?, seller_sku = ?, stock_updated_at = ?,"
                    + " attempts = ?, updated_at = ? WHERE listing_row_id = ? AND status = ? AND claim_no = ?")) {
                for (Object[] r : seen) {
                    int quantity = (Integer) r[10];
                    // a new figure starts a new count of attempts: the backoff is per figure
                    int attempts = "FAILED".equals(r[1]) && Integer.valueOf(quantity).equals(r[2]) ? (Integer) r[3] : 0;
                    Instant stockAt = r[11] == null ? now : (Instant) r[11];
                    Jdbc.bind(ps, settings.rows().nodeId(), now, quantity, r[9], stockAt, attempts, now, r[0], r[1], r[4]);
                    if (ps.executeUpdate() == 1) {
                        claimed.add(new Due((Long) r[0], (String) r[5], (String) r[6], (String) r[7], (String) r[8],
                                (String) r[9], quantity, stockAt, attempts));
                    }
                }
            }
            return claimed;
        });
    }

    /** Listings mapped to a SKU that has a figure, and no push row yet: their row, NEW. */
    private void addNewListings(Instant now) throws SQLException {
        try {
            Jdbc.inTransaction(dataSource, c -> Jdbc.update(c, "INSERT INTO MB_STOCK_PUSH (listing_row_id, status,"
                    + " attempts, claim_no, updated_at) SELECT l.id, 'NEW', 0, 0, ? FROM MB_LISTING l"
                    + " WHERE l.seller_sku IS NOT NULL AND EXISTS (SELECT 1 FROM MB_STOCK s WHERE s.seller_sku = l.seller_sku)"
                    + " AND NOT EXISTS (SELECT 1 FROM MB_STOCK_PUSH p WHERE p.listing_row_id = l.id)", now));
        } catch (SQLException e) {
            if (!Database.isDuplicateKey(e)) { // another node added them at the same moment
                throw e;
            }
        }
    }

    /**
     * Ends a claimed row: SENT (the marketplace holds the figure), REJECTED (not tried again until the figure or the
     * mapping changes), FAILED with its next try (null: attempts used up, tried again when the figure changes).
     */
    public void finish(long listingRowId, String status, String code, String message, Instant nextAttempt, Instant now)
            throws SQLException {
        boolean sent = ShipmentStatus.SENT.equals(status);
        List<Object> args = new ArrayList<>();
        args.add(status);
        args.add(DueRows.cut(code, 64));
        args.add(DueRows.cut(message, 1000));
        args.add(nextAttempt == null ? Jdbc.NULL_TIMESTAMP : nextAttempt);
        if (sent) {
            args.add(now);
        }
        args.addAll(List.of(now, listingRowId, settings.rows().nodeId()));
        Jdbc.inTransaction(dataSource, c -> Jdbc.update(c, "UPDATE MB_STOCK_PUSH SET status = ?, attempts = attempts + 1,"
                + " result_code = ?, result_message = ?, next_attempt_at = ?,"
                + (sent ? " sent_quantity = quantity, sent_at = ?," : "")
                + " updated_at = ? WHERE listing_row_id = ? AND status = 'SENDING' AND claimed_by = ?", args.toArray()));
    }

    /** Per account: listings out of sync (see {@link Counts}). */
    public Map<String, Counts> counts() throws SQLException {
        Map<String, Counts> counts = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT l.account_id,"
                     + " SUM(CASE WHEN (p.sent_quantity IS NULL OR p.sent_quantity <> s.quantity)"
                     + " AND (p.status IS NULL OR p.status NOT IN ('REJECTED', 'FAILED')) THEN 1 ELSE 0 END),"
                     + " SUM(CASE WHEN p.status = 'REJECTED' THEN 1 ELSE 0 END),"
                     + " SUM(CASE WHEN p.status = 'FAILED' THEN 1 ELSE 0 END)"
                     + " FROM MB_LISTING l JOIN MB_STOCK s ON s.seller_sku = l.seller_sku"
                     + " LEFT JOIN MB_STOCK_PUSH p ON p.listing_row_id = l.id GROUP BY l.account_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), new Counts(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
            }
        }
        return counts;
    }

    /** SKUs with a figure in MB_STOCK that no listing is mapped to. */
    public long unmappedSkus() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM MB_STOCK_UNMAPPED");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
