package io.marketbridge.stock;

import io.marketbridge.csv.CsvInbox;
import io.marketbridge.db.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The stock inbox (./in/stock): each data row (seller_sku, quantity) of a CSV the ERP drops there sets that SKU's
 * figure in MB_STOCK, with the shipment inbox's rules ({@link CsvInbox}: encodings, broken rows, files read twice,
 * the result file). A row's outcome is ACCEPTED (NO_LISTING when no listing is mapped to the SKU yet: the figure is
 * kept and pushed once one is) or REJECTED (a broken row, a quantity that is no whole number of 0 or more). Two rows
 * of one file for one SKU: the later one wins, as it would have a moment later.
 */
public class StockInbox extends CsvInbox {

    public static final String ACCEPTED = "ACCEPTED";
    public static final int MAX_QUANTITY = 99_999_999;
    static final Layout LAYOUT = new Layout("stock", "MB_STOCK_FILE_ROW", "MB_STOCK_FILE",
            List.of("seller_sku", "quantity"), List.of("seller_sku", "quantity"), List.of("seller_sku", "quantity"));

    public StockInbox(DataSource dataSource, StockSettings settings, Clock clock) {
        super(dataSource, LAYOUT, settings.stock(), clock);
    }

    @Override
    protected String rowProblem(int row, Map<String, String> values) {
        String sku = values.get("seller_sku");
        if (sku.length() > 100) {
            return "row " + row + ": seller_sku is longer than 100 characters";
        }
        return quantity(values.get("quantity")) == null ? "row " + row + ": quantity '" + cut(values.get("quantity"), 20)
                + "' is not a whole number from 0 to " + MAX_QUANTITY : null;
    }

    /** The figure, or null when it is no whole number from 0 to the maximum ("12", "1,200" and "12.0" are fine). */
    static Integer quantity(String text) {
        String t = text == null ? "" : text.trim().replace(",", "");
        if (t.endsWith(".0")) {
            t = t.substring(0, t.length() - 2);
        }
        if (!t.matches("[0-9]{1,9}")) {
            return null;
        }
        int q = Integer.parseInt(t);
        return q > MAX_QUANTITY ? null : q;
    }

    @Override
    protected void insertRows(Connection c, List<Parsed> rows, String fileKey, Instant now) throws SQLException {
        Map<String, Integer> lastRowOfSku = new HashMap<>();
        for (Parsed p : rows) {
            if (p.error() == null) {
                lastRowOfSku.put(p.values().get("seller_sku"), p.row());
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO MB_STOCK_FILE_ROW (source_file, source_row, seller_sku,"
                + " quantity, status, result_code, result_message) VALUES (?,?,?,?,?,?,?)")) {
            for (Parsed p : rows) {
                String sku = p.error() == null ? p.values().get("seller_sku") : cut(p.values().get("seller_sku"), 100);
                Integer quantity = p.error() == null ? quantity(p.values().get("quantity")) : null;
                String status = ACCEPTED;
                String code;
                String message;
                if (p.error() != null) {
                    status = "REJECTED";
                    code = "INVALID_ROW";
                    message = p.error();
                } else if (lastRowOfSku.get(sku) != p.row()) {
                    code = "REPLACED";
                    message = "row " + lastRowOfSku.get(sku) + " of this file sets SKU '" + sku + "' later";
                } else {
                    setFigure(c, sku, quantity, now);
                    int listings = listings(c, sku);
                    code = listings == 0 ? "NO_LISTING" : "OK";
                    message = listings == 0 ? "no listing is mapped to SKU '" + sku + "': the figure is kept in MB_STOCK"
                            + " and pushed once one is (see MB_STOCK_UNMAPPED)" : "pushed to " + listings + " listing(s)"
                            + " by the stock job (outcomes in MB_LISTING_STOCK)";
                }
                Jdbc.bind(ps, fileKey, p.row(), sku, quantity, status, code, cut(message, 1000));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** MB_STOCK: the SKU's figure, inserted or replaced. */
    public static void setFigure(Connection c, String sku, int quantity, Instant now) throws SQLException {
        if (Jdbc.update(c, "UPDATE MB_STOCK SET quantity = ?, updated_at = ? WHERE seller_sku = ?", quantity, now, sku) == 0) {
            Jdbc.update(c, "INSERT INTO MB_STOCK (seller_sku, quantity, updated_at) VALUES (?,?,?)", sku, quantity, now);
        }
    }

    private static int listings(Connection c, String sku) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM MB_LISTING WHERE seller_sku = ?")) {
            Jdbc.bind(ps, sku);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
