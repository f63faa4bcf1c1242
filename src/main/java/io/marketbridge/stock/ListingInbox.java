package io.marketbridge.stock;

import io.marketbridge.config.Account;
import io.marketbridge.config.AccountRegistry;
import io.marketbridge.csv.CsvInbox;
import io.marketbridge.db.Jdbc;
import io.marketbridge.order.Marketplace;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The listing inbox (./in/listings): each data row (marketplace, account_id, listing_id, option_id, seller_sku) of a
 * mapping CSV the ERP drops there sets that listing option's SKU in MB_LISTING as the ERP's (source ERP: orders never
 * change it again), with the shipment inbox's rules ({@link CsvInbox}). A row naming a marketplace or account that
 * is not configured, or an account of another marketplace, is REJECTED and changes nothing.
 */
public class ListingInbox extends CsvInbox {

    static final Layout LAYOUT = new Layout("listings", "MB_LISTING_FILE_ROW", "MB_LISTING_FILE",
            List.of("marketplace", "account_id", "listing_id", "seller_sku"),
            List.of("marketplace", "account_id", "listing_id", "option_id", "seller_sku"),
            List.of("marketplace", "account_id", "listing_id", "seller_sku"));

    private final AccountRegistry accounts;

    public ListingInbox(DataSource dataSource, StockSettings settings, AccountRegistry accounts, Clock clock) {
        super(dataSource, LAYOUT, settings.listings(), clock);
        this.accounts = accounts;
    }

    @Override
    protected String rowProblem(int row, Map<String, String> values) {
        Marketplace marketplace;
        try {
            marketplace = Marketplace.fromCode(values.get("marketplace"));
        } catch (IllegalArgumentException e) {
            return "row " + row + ": marketplace '" + cut(values.get("marketplace"), 16) + "' is unknown";
        }
        Account account = accounts.find(values.get("account_id"));
        if (account == null) {
            return "row " + row + ": account '" + cut(values.get("account_id"), 64) + "' is not configured";
        }
        if (!accounts.connector(account).serves(marketplace)) {
            return "row " + row + ": account '" + account.id() + "' is a " + account.marketplace() + " account, not "
                    + marketplace.code();
        }
        for (String column : List.of("listing_id", "option_id")) {
            String v = values.get(column);
            if (v != null && v.length() > 64) {
                return "row " + row + ": " + column + " is longer than 64 characters";
            }
        }
        return values.get("seller_sku").length() > 100 ? "row " + row + ": seller_sku is longer than 100 characters" : null;
    }

    @Override
    protected void insertRows(Connection c, List<Parsed> rows, String fileKey, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO MB_LISTING_FILE_ROW (source_file, source_row,"
                + " marketplace, account_id, listing_id, option_id, seller_sku, status, result_code, result_message)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?)")) {
            for (Parsed p : rows) {
                Map<String, String> v = p.values();
                String marketplace = null;
                if (p.error() == null) {
                    marketplace = Marketplace.fromCode(v.get("marketplace")).code();
                    ListingStore.setByErp(c, marketplace, v.get("account_id"), v.get("listing_id"),
                            v.get("option_id") == null ? "" : v.get("option_id"), v.get("seller_sku"), now);
                }
                Jdbc.bind(ps, fileKey, p.row(), marketplace != null ? marketplace : cut(v.get("marketplace"), 16),
                        cut(v.get("account_id"), 64), cut(v.get("listing_id"), 64), cut(v.get("option_id"), 64),
                        cut(v.get("seller_sku"), 100), p.error() == null ? StockInbox.ACCEPTED : "REJECTED",
                        p.error() == null ? "OK" : "INVALID_ROW", p.error());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
