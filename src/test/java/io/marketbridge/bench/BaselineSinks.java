package io.marketbridge.bench;

import io.marketbridge.bench.BaselineIngest.Buyer;
import io.marketbridge.bench.BaselineIngest.Line;
import io.marketbridge.bench.BaselineIngest.Order;
import io.marketbridge.bench.BaselineIngest.Receiver;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The write side every ingest baseline shares, so they all write the same files, rows and columns as the
 * runtime: one JSON file per order, the account's MB_ORDER / MB_ORDER_LINE rows in one transaction, one CSV.
 * Options: db and out (none turns a sink off), dbUser (sa), dbPassword (empty), fsync (true).
 */
final class BaselineSinks {

    final String dbUrl;
    final String dbUser;
    final String dbPassword;
    final Path out;
    private final boolean fsync;
    private final AtomicLong tmpNames = new AtomicLong();
    /** One JDBC connection per worker thread (autoCommit off), all closed at the end of the run. */
    private final ThreadLocal<Connection> connection = new ThreadLocal<>();
    final List<Connection> connections = new ArrayList<>();

    BaselineSinks(Map<String, String> o) {
        String db = o.getOrDefault("db", "none");
        dbUrl = db.equals("none") ? null : db;
        dbUser = o.getOrDefault("dbUser", "sa");
        dbPassword = o.getOrDefault("dbPassword", "");
        String dir = o.getOrDefault("out", "none");
        out = dir.equals("none") ? null : Path.of(dir);
        fsync = Boolean.parseBoolean(o.getOrDefault("fsync", "true"));
    }

    /** Runs one task per account on the shared pool (see BaselineIngest.runAll), writing through these sinks. */
    <A> BaselineIngest.Result runAll(List<A> accounts, Map<String, String> options, BaselineIngest.AccountIngest<A> ingest)
            throws Exception {
        return BaselineIngest.runAll(accounts, options, dbUrl, dbUser, dbPassword, out, ingest, connections);
    }

    /** The account's orders into every sink that is on; returns {orders, lines}. */
    long[] write(String accountId, List<Order> orders) throws IOException, SQLException {
        long lines = 0;
        for (Order o : orders) {
            lines += o.lines().size();
        }
        if (out != null) {
            for (Order o : orders) {
                publish(out.resolve("json").resolve(BaselineIngest.safe(o.marketplace() + "-" + accountId + "-" + o.orderId())
                        + ".json"), BaselineIngest.FILE_JSON.writeValueAsBytes(o));
            }
        }
        if (dbUrl != null && !orders.isEmpty()) {
            insert(orders);
        }
        if (out != null && !orders.isEmpty()) {
            publish(out.resolve("csv").resolve(BaselineIngest.safe("orders-" + accountId + "-baseline") + ".csv"),
                    BaselineIngest.csv(orders));
        }
        return new long[] {orders.size(), lines};
    }

    /** Batch inserts of all the account's rows in one transaction, on this worker thread's connection. */
    private void insert(List<Order> orders) throws SQLException {
        Connection c = connection.get();
        if (c == null) {
            c = DriverManager.getConnection(dbUrl, dbUser, dbPassword);
            c.setAutoCommit(false);
            connection.set(c);
            synchronized (connections) {
                connections.add(c);
            }
        }
        Timestamp collectedAt = Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC)); // UTC wall time, as the runtime
        try (PreparedStatement po = c.prepareStatement(BaselineIngest.INSERT_ORDER);
             PreparedStatement pl = c.prepareStatement(BaselineIngest.INSERT_LINE)) {
            for (Order o : orders) {
                Buyer b = o.buyer();
                Receiver r = o.receiver();
                BaselineIngest.bind(po, o.marketplace(), o.accountId(), o.orderId(), o.orderedAt(), o.paidAt(), o.status(),
                        o.marketplaceStatus(), b.name(), b.phone(), b.email(), r.name(), r.phone1(), r.phone2(),
                        r.postcode(), r.address1(), r.address2(), o.deliveryMessage(), o.customsId(), o.currency(),
                        o.itemsAmount(), o.discountAmount(), o.shippingFee(), o.paidAmount(), collectedAt,
                        o.rawPayload().toString(), b.nameKana(), r.nameKana());
                po.addBatch();
                for (Line l : o.lines()) {
                    BaselineIngest.bind(pl, o.marketplace(), o.accountId(), o.orderId(), l.lineId(), l.shipmentId(),
                            l.productId(), l.optionId(), l.sellerSku(), l.productName(), l.optionName(), l.quantity(),
                            l.unitPrice(), l.lineAmount(), l.discountAmount(), l.status(), l.marketplaceStatus(), collectedAt);
                    pl.addBatch();
                }
            }
            po.executeBatch();
            pl.executeBatch();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    /** Writes under .tmp, fsyncs when asked, then renames into place atomically, as the runtime's file drop. */
    private void publish(Path target, byte[] content) throws IOException {
        Path tmp = out.resolve(".tmp").resolve(target.getFileName() + "." + tmpNames.incrementAndGet() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            if (fsync) {
                ch.force(true);
            }
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
