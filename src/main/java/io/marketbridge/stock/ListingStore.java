package io.marketbridge.stock;

import io.marketbridge.db.Database;
import io.marketbridge.db.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import javax.sql.DataSource;

/**
 * MB_LISTING, the SKU mapping: which marketplace listing option is which seller SKU. Rows come from orders (source
 * ORDER), from the ERP (source ERP: its own inserts and corrections, and the listing inbox) and from a marketplace's
 * item read (CATALOG). An ERP row wins: nothing learned from an order changes its seller_sku.
 */
public class ListingStore {

    public static final String ORDER = "ORDER";
    public static final String ERP = "ERP";
    public static final String CATALOG = "CATALOG";

    private final DataSource dataSource;

    public ListingStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records the listings an account's delivered orders showed: a new one is inserted (source ORDER), a known one
     * gets last_seen, and a learned (ORDER or CATALOG) row takes the SKU the marketplace now shows when it shows one.
     * Safe when two nodes learn the same listing at once.
     *
     * @return how many rows were inserted and how many learned rows without a SKU got one
     */
    public Learned learn(String accountId, Collection<LearnedListing> listings, String source, Instant now) throws SQLException {
        if (listings.isEmpty()) {
            return new Learned(0, 0);
        }
        try {
            return Jdbc.inTransaction(dataSource, c -> upsertAll(c, accountId, listings, source, now));
        } catch (SQLException e) {
            if (!Database.isDuplicateKey(e)) {
                throw e;
            }
            // another node inserted one of them meanwhile: now every insert that raced is an update
            return Jdbc.inTransaction(dataSource, c -> upsertAll(c, accountId, listings, source, now));
        }
    }

    /** What {@link #learn} changed: rows inserted, and learned rows whose NULL seller_sku was filled. */
    public record Learned(int inserted, int filled) {
    }

    private static Learned upsertAll(Connection c, String accountId, Collection<LearnedListing> listings, String source,
                                     Instant now) throws SQLException {
        int inserted = 0;
        int filled = 0;
        for (LearnedListing l : listings) {
            switch (upsertLearned(c, accountId, l, source, now)) {
                case INSERTED -> inserted++;
                case FILLED -> filled++;
                default -> { }
            }
        }
        return new Learned(inserted, filled);
    }

    private enum Upsert { INSERTED, FILLED, UPDATED }

    private static Upsert upsertLearned(Connection c, String accountId, LearnedListing l, String source, Instant now)
            throws SQLException {
        String market = l.marketplace().code();
        if (l.sellerSku() != null && Jdbc.update(c, "UPDATE MB_LISTING SET last_seen = ?, updated_at = ?, seller_sku = ?"
                + " WHERE marketplace = ? AND account_id = ? AND listing_id = ? AND option_id = ? AND source <> 'ERP'"
                + " AND seller_sku IS NULL", now, now, l.sellerSku(), market, accountId, l.listingId(), l.optionId()) > 0) {
            return Upsert.FILLED;
        }
        int updated = l.sellerSku() == null
                ? Jdbc.update(c, "UPDATE MB_LISTING SET last_seen = ? WHERE marketplace = ? AND account_id = ?"
                        + " AND listing_id = ? AND option_id = ?", now, market, accountId, l.listingId(), l.optionId())
                : Jdbc.update(c, "UPDATE MB_LISTING SET last_seen = ?, updated_at = CASE WHEN source <> 'ERP'"
                        + " AND (seller_sku IS NULL OR seller_sku <> ?) THEN ? ELSE updated_at END,"
                        + " seller_sku = CASE WHEN source <> 'ERP' THEN ? ELSE seller_sku END"
                        + " WHERE marketplace = ? AND account_id = ? AND listing_id = ? AND option_id = ?",
                        now, l.sellerSku(), now, l.sellerSku(), market, accountId, l.listingId(), l.optionId());
        if (updated == 0) {
            Jdbc.update(c, "INSERT INTO MB_LISTING (marketplace, account_id, listing_id, option_id, seller_sku, source,"
                    + " first_seen, last_seen, updated_at) VALUES (?,?,?,?,?,?,?,?,?)", market, accountId,
                    l.listingId(), l.optionId(), l.sellerSku(), source, now, now, now);
            return Upsert.INSERTED;
        }
        return Upsert.UPDATED;
    }

    /** The marketplaces and listings an account's rows name (what an item read of the account goes through). */
    public java.util.List<LearnedListing> listingsOf(String accountId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT DISTINCT marketplace, listing_id FROM MB_LISTING"
                     + " WHERE account_id = ? ORDER BY marketplace, listing_id")) {
            ps.setString(1, accountId);
            java.util.List<LearnedListing> listings = new java.util.ArrayList<>();
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    try {
                        listings.add(new LearnedListing(io.marketbridge.order.Marketplace.fromCode(rs.getString(1)),
                                rs.getString(2), "", null));
                    } catch (IllegalArgumentException unknownCode) {
                        // a row the ERP wrote with a marketplace code no connector serves: nothing to read it with
                    }
                }
            }
            return listings;
        }
    }

    /**
     * Sets a listing's SKU as the ERP's (the listing inbox): inserted or overwritten, source ERP. Runs in c's
     * transaction.
     */
    public static void setByErp(Connection c, String marketplace, String accountId, String listingId, String optionId,
                                String sellerSku, Instant now) throws SQLException {
        String option = optionId == null ? "" : optionId;
        int updated = Jdbc.update(c, "UPDATE MB_LISTING SET seller_sku = ?, source = 'ERP', updated_at = ?"
                + " WHERE marketplace = ? AND account_id = ? AND listing_id = ? AND option_id = ?",
                sellerSku, now, marketplace, accountId, listingId, option);
        if (updated == 0) {
            Jdbc.update(c, "INSERT INTO MB_LISTING (marketplace, account_id, listing_id, option_id, seller_sku, source,"
                    + " first_seen, updated_at) VALUES (?,?,?,?,?,'ERP',?,?)", marketplace, accountId, listingId, option,
                    sellerSku, now, now);
        }
    }
}
