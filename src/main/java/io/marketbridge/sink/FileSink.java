package io.marketbridge.sink;

import io.marketbridge.csv.CsvCells;
import io.marketbridge.order.Order;
import io.marketbridge.order.OrderJson;
import io.marketbridge.order.OrderLine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file drop. Every file is written under a temporary name in the hidden .tmp folder and renamed into
 * place when complete, so an ERP never sees half a file; names are deterministic, so a replay rewrites the
 * same name instead of adding a file.
 *
 * <pre>
 *   {dir}/json/{MARKETPLACE}-{account}-{orderId}.json        one per order
 *   {dir}/csv/{batchId}.csv                                  one per poll batch, one row per line
 *   {dir}/changes/{MARKETPLACE}-{account}-{orderId}-{type}-{fingerprint}.json
 *   {dir}/claims/{MARKETPLACE}-{account}-{claimId}-{lineId}-{status}.json   one per claim event and line
 *   {dir}/claims-csv/{batchId}.csv                           one per claim batch, one row per claim event and line
 * </pre>
 */
public class FileSink {

    /** Column list of the batch CSV (ERP contract v1). Never reorder or rename; add at the end. */
    public static final List<String> CSV_COLUMNS = List.of(
            "marketplace", "account_id", "order_id", "line_id", "shipment_id", "ordered_at", "paid_at",
            "order_status", "marketplace_status", "buyer_name", "buyer_phone", "buyer_email",
            "receiver_name", "receiver_phone1", "receiver_phone2", "receiver_postcode",
            "receiver_address1", "receiver_address2", "delivery_message", "customs_id", "currency",
            "product_id", "option_id", "seller_sku", "product_name", "option_name", "quantity",
            "unit_price", "line_amount", "line_discount", "line_status", "items_amount", "order_discount",
            "shipping_fee", "paid_amount",
            // contract version 4
            "buyer_name_kana", "receiver_name_kana");

    private static final Logger LOG = LoggerFactory.getLogger(FileSink.class);

    private final FileSinkSettings settings;
    private final Path tmpDir;
    /** Marks this node's temporary names when nodes share the folder ("" for a node of its own). */
    private volatile String tempTag = "";

    public FileSink(FileSinkSettings settings) {
        this.settings = settings;
        this.tmpDir = settings.dir().resolve(".tmp");
    }

    public FileSinkSettings settings() {
        return settings;
    }

    /**
     * The folder may be shared by the nodes of a cluster: this node's temporary names carry its id, and its sweep
     * at start removes only those (another node's may be being written right now).
     */
    public void shareAs(String nodeId) {
        this.tempTag = "node~" + safe(nodeId) + "~";
    }

    /** Removes temporary files a crash left behind (they were never renamed, so no ERP saw them). */
    public void sweepTemporaryFiles() {
        if (!settings.enabled() || !Files.isDirectory(tmpDir)) {
            return;
        }
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmpDir)) {
            for (Path f : files) {
                if (tempTag.isEmpty() || f.getFileName().toString().contains("." + tempTag)) {
                    Files.deleteIfExists(f);
                    removed++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (removed > 0) {
            LOG.info("Removed {} unfinished temporary file(s) from {}", removed, tmpDir);
        }
    }

    public Path orderJsonPath(Order order) {
        return settings.dir().resolve("json").resolve(
                safe(order.marketplace().code() + "-" + order.accountId() + "-" + order.orderId()) + ".json");
    }

    /** Writes the order's JSON file unless it is already there. */
    public void writeOrderJson(Order order) {
        Path target = orderJsonPath(order);
        if (Files.exists(target)) {
            return;
        }
        publish(target, OrderJson.toFileJson(order));
    }

    public void writeChangeJson(String marketplace, String accountId, String orderId, String type,
                                String fingerprint, byte[] json) {
        Path target = settings.dir().resolve("changes").resolve(
                safe(marketplace + "-" + accountId + "-" + orderId + "-" + type + "-" + fingerprint.substring(0, 12)) + ".json");
        if (!Files.exists(target)) {
            publish(target, json);
        }
    }

    public Path csvBatchPath(String batchId) {
        return settings.dir().resolve("csv").resolve(safe(batchId) + ".csv");
    }

    /** Writes (or rewrites, on replay) one batch CSV: one row per order line. */
    public void writeCsvBatch(String batchId, List<Order> orders) {
        publish(csvBatchPath(batchId), csvBytes(orders));
    }

    byte[] csvBytes(List<Order> orders) {
        List<Object[]> rows = new ArrayList<>();
        for (Order o : orders) {
            for (OrderLine l : o.lines()) {
                rows.add(new Object[] {o.marketplace().code(), o.accountId(), o.orderId(), l.lineId(), l.shipmentId(),
                        o.orderedAt(), o.paidAt(), o.status(), o.marketplaceStatus(),
                        o.buyer().name(), o.buyer().phone(), o.buyer().email(),
                        o.receiver().name(), o.receiver().phone1(), o.receiver().phone2(), o.receiver().postcode(),
                        o.receiver().address1(), o.receiver().address2(), o.deliveryMessage(), o.customsId(),
                        o.currency(), l.productId(), l.optionId(), l.sellerSku(), l.productName(), l.optionName(),
                        l.quantity(), l.unitPrice(), l.lineAmount(), l.discountAmount(),
                        l.status(), o.itemsAmount(), o.discountAmount(), o.shippingFee(), o.paidAmount(),
                        o.buyer().nameKana(), o.receiver().nameKana()});
            }
        }
        if (orders.isEmpty()) {
            return csvBytes(CSV_COLUMNS, rows);
        }
        String accountId = orders.get(0).accountId();
        // an order of a marketplace outside Korea (Japanese names, kana, addresses) is never written with '?' in place
        boolean strict = orders.stream().anyMatch(o -> !"KR".equals(o.marketplace().country()));
        return csvBytes(CSV_COLUMNS, rows, accountId, strict ? orders.get(0).marketplace().code() : null);
    }

    /**
     * A CSV file as every CSV of the file drop is written: the configured encoding (and BOM), RFC 4180, amounts
     * as plain numbers, every text cell guarded against formulas ({@link CsvCells}) unless that is turned off.
     */
    public byte[] csvBytes(List<String> header, List<Object[]> rows) {
        return csvBytes(header, rows, null, null);
    }

    /**
     * As {@link #csvBytes(List, List)}, for one account's file: in the account's own encoding when it has one
     * ({@code csv-encoding}, see {@link #accountEncodings}). {@code strictFor} names a marketplace whose text must
     * arrive whole (Qoo10 Japan): a character the encoding cannot hold then fails the file, naming the account and
     * the setting, instead of becoming '?'; null: such characters become '?', as Korean legacy software expects.
     */
    public byte[] csvBytes(List<String> header, List<Object[]> rows, String accountId, String strictFor) {
        String encoding = encodingOf(accountId);
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        if (FileSinkSettings.isBom(encoding)) {
            out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        java.nio.charset.Charset charset = FileSinkSettings.charsetOf(encoding);
        if (strictFor != null) {
            requireEncodable(rows, charset, encoding, accountId, strictFor);
        }
        // MS949 cannot hold every character (emoji, rare Hanja): replace rather than fail the batch
        CharsetEncoder encoder = charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (Writer w = new OutputStreamWriter(out, encoder);
             CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180.builder()
                     .setHeader(header.toArray(String[]::new)).get())) {
            boolean escape = settings.escapeFormulas();
            for (Object[] source : rows) {
                Object[] row = source.clone();
                for (int i = 0; i < row.length; i++) {
                    // amounts are numbers (a negative one stays -3000); every text cell is guarded
                    row[i] = row[i] instanceof java.math.BigDecimal d ? d.toPlainString() : CsvCells.cell(row[i], escape);
                }
                csv.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Where an account's own CSV encoding comes from (its {@code csv-encoding} key; null or blank: the sink's
     * marketbridge.sink.file.csv-encoding). Set once the accounts are read; a reload is seen at the next file.
     */
    public void accountEncodings(java.util.function.Function<String, String> byAccountId) {
        this.accountEncodings = byAccountId;
    }

    private volatile java.util.function.Function<String, String> accountEncodings = id -> null;

    /** The encoding the account's CSV files are written in. */
    public String encodingOf(String accountId) {
        String own = accountId == null ? null : accountEncodings.apply(accountId);
        return own == null || own.isBlank() ? settings.csvEncoding() : own.trim();
    }

    /** Refuses to write a cell the charset cannot hold: the message names the account, the column's row and the setting. */
    private static void requireEncodable(List<Object[]> rows, java.nio.charset.Charset charset, String encoding,
                                         String accountId, String marketplace) {
        CharsetEncoder check = charset.newEncoder();
        for (int r = 0; r < rows.size(); r++) {
            for (Object cell : rows.get(r)) {
                if (cell instanceof CharSequence text && !check.canEncode(text)) {
                    throw new UnencodableCsvException("account " + accountId + ": the batch CSV encoding " + encoding
                            + " cannot hold the text of a " + marketplace + " order (row " + (r + 2) + "); nothing was written"
                            + " and the orders stay in the tables and JSON files. Set marketbridge.account." + accountId
                            + ".csv-encoding = UTF-8 (or UTF-8-BOM), or marketbridge.sink.file.csv-encoding = UTF-8: the"
                            + " file is then written at the account's next poll");
                }
            }
        }
    }

    /** A CSV file of orders whose text its encoding cannot hold: not written (the orders wait in the ledger). */
    public static final class UnencodableCsvException extends IllegalStateException {
        public UnencodableCsvException(String message) {
            super(message);
        }
    }

    /**
     * Writes a file of the drop under {@code relative} (a path inside the sink's folder), temporary name then
     * rename, unless it is already there: for files whose content never changes once written.
     */
    public void writeOnce(Path relative, byte[] content) {
        Path target = settings.dir().resolve(relative);
        if (!Files.exists(target)) {
            publish(target, content);
        }
    }

    /** Writes (or rewrites, on replay) a file of the drop under {@code relative}, temporary name then rename. */
    public void write(Path relative, byte[] content) {
        publish(settings.dir().resolve(relative), content);
    }

    /** Temp file, (fsync), atomic rename, then the optional done marker. */
    private void publish(Path target, byte[] content) {
        try {
            Files.createDirectories(tmpDir);
            Files.createDirectories(target.getParent());
            Path tmp = tmpDir.resolve(target.getFileName() + "." + tempTag + UUID.randomUUID() + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                if (settings.fsync()) {
                    ch.force(true);
                }
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (settings.doneMarker()) {
                Path marker = target.resolveSibling(target.getFileName() + ".done");
                Path tmpMarker = tmpDir.resolve(marker.getFileName() + "." + tempTag + UUID.randomUUID() + ".tmp");
                Files.write(tmpMarker, new byte[0]);
                Files.move(tmpMarker, marker, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** File-name safe: marketplace ids are digits and letters, but account ids are free text. */
    public static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
