package io.marketbridge.shipment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.marketbridge.support.Db;
import io.marketbridge.support.RuntimeHarness;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The shipment inbox through the real route files: when a file is taken (only once it is complete), how it is
 * read (RFC 4180 records, not lines), what a file that is not CSV or has no data row gets, and long file names.
 * The stability time is shortened to {@link #STABLE_MS} so the slow writers stay quick.
 */
class ShipmentInboxTest {

    static final long STABLE_MS = 1500;
    static final String HEADER = "marketplace,account_id,order_id,line_id,courier,tracking_no";

    @TempDir
    static Path out;
    static RuntimeHarness runtime;
    static DataSource db;
    static Path inbox;
    static Path done;
    static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();

    @BeforeAll
    static void start() throws Exception {
        Logger log = (Logger) LoggerFactory.getLogger("io.marketbridge.shipments");
        LOGS.start();
        log.addAppender(LOGS);
        Properties p = RuntimeHarness.baseProperties(out);
        p.setProperty("marketbridge.shipments.inbox.stable-ms", String.valueOf(STABLE_MS));
        p.setProperty("marketbridge.shipments.inbox.stable-timeout-ms", "4000");
        runtime = RuntimeHarness.start(p, null, out);
        db = runtime.dataSource();
        inbox = out.resolve("in/shipments");
        done = inbox.resolve("done");
        Files.createDirectories(inbox);
    }

    @AfterAll
    static void stop() throws Exception {
        runtime.close();
        ((Logger) LoggerFactory.getLogger("io.marketbridge.shipments")).detachAppender(LOGS);
    }

    static String row(String order, String tracking) {
        return "COUPANG,acct-inbox," + order + ",,CJ," + tracking;
    }

    /** Writes the file under a hidden name and renames it into the inbox, as a careful ERP does. */
    static void drop(String name, byte[] content) throws IOException {
        Path tmp = inbox.resolve("." + Math.abs(name.hashCode()) + ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, inbox.resolve(name));
    }

    static Path awaitResult(String name) throws IOException {
        String suffix = name.substring(0, name.length() - 4) + ".result.csv";
        await().atMost(Duration.ofSeconds(30)).until(() -> doneFiles(suffix).size() == 1);
        return doneFiles(suffix).get(0);
    }

    static List<Path> doneFiles(String suffix) throws IOException {
        if (!Files.isDirectory(done)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(done)) {
            return s.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    static List<CSVRecord> records(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try (CSVParser p = CSVParser.parse(text, CSVFormat.RFC4180)) {
            return p.getRecords();
        }
    }

    static List<Object> trackingNumbersOf(String fileName) {
        return Db.list(db, "SELECT s.tracking_no FROM MB_SHIPMENT s JOIN MB_SHIPMENT_FILE f ON f.file_key = s.source_file"
                + " WHERE f.file_name = ? ORDER BY s.source_row", fileName);
    }

    static long taken(String name) {
        return LOGS.list.stream().filter(e -> e.getFormattedMessage().startsWith("shipments: file " + name + " ")).count();
    }

    static List<ILoggingEvent> warnings(String text) {
        return LOGS.list.stream().filter(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().contains(text)).toList();
    }

    @Test
    void aFileAppendedToEverySecondIsTakenOnceWhole() throws Exception {
        Path file = inbox.resolve("slow.csv");
        Files.writeString(file, HEADER + "\r\n");
        for (int i = 1; i <= 4; i++) { // as `echo row >> slow.csv` every 0.7 s: each append opens, writes and closes
            Thread.sleep(700);
            Files.writeString(file, row("91000" + i, "50000000" + i) + "\r\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        Path result = awaitResult("slow.csv");
        assertThat(doneFiles("-slow.csv")).hasSize(1);
        assertThat(trackingNumbersOf("slow.csv")).containsExactly("500000001", "500000002", "500000003", "500000004");
        List<CSVRecord> lines = records(result);
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0).toList()).endsWith("status", "result_code", "result_message");
        assertThat(lines.get(4).get(5)).isEqualTo("500000004");
    }

    @Test
    void aWriterThatKeepsTheFileOpenAndPausesLosesNoRow() throws Exception {
        Path file = inbox.resolve("open.csv");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap((HEADER + "\n" + row("920001", "600000001") + "\n").getBytes(StandardCharsets.UTF_8)));
            for (int i = 2; i <= 3; i++) {
                Thread.sleep(900); // the ERP looks up the next shipment; the file stays open
                ch.write(ByteBuffer.wrap((row("92000" + i, "60000000" + i) + "\n").getBytes(StandardCharsets.UTF_8)));
            }
        }
        Path result = awaitResult("open.csv");
        assertThat(trackingNumbersOf("open.csv")).containsExactly("600000001", "600000002", "600000003");
        Path doneCsv = doneFiles("-open.csv").get(0);
        assertThat(Files.readString(doneCsv)).endsWith(row("920003", "600000003") + "\n");
        assertThat(records(result)).hasSize(4);
    }

    @Test
    void aQuotedFieldWithANewlineIsOneRecord() throws Exception {
        String csv = HEADER + ",memo\r\n"
                + row("930001", "700000001") + ",\"first line\r\nsecond line, with a comma\"\r\n"
                + row("930002", "700000002") + ",plain\r\n";
        drop("multiline.csv", csv.getBytes(StandardCharsets.UTF_8));
        Path result = awaitResult("multiline.csv");
        assertThat(trackingNumbersOf("multiline.csv")).containsExactly("700000001", "700000002");
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_SHIPMENT s JOIN MB_SHIPMENT_FILE f ON f.file_key = s.source_file"
                + " WHERE f.file_name = 'multiline.csv' AND s.result_code = 'INVALID_ROW'")).isZero();
        List<CSVRecord> lines = records(result);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1).get(6)).isEqualTo("first line\r\nsecond line, with a comma");
        assertThat(lines.get(1).get(8)).isNotEqualTo("INVALID_ROW");
    }

    @Test
    void aStrayQuoteSpoilsOnlyItsOwnLine() throws Exception {
        String csv = HEADER + "\n"
                + row("940001", "800000001") + "\n"
                + "COUPANG,acct-inbox,940002,\"broken,CJ,1\n"
                + row("940003", "800000003") + "\n";
        drop("stray.csv", csv.getBytes(StandardCharsets.UTF_8));
        awaitResult("stray.csv");
        assertThat(Db.list(db, "SELECT s.result_code FROM MB_SHIPMENT s JOIN MB_SHIPMENT_FILE f ON f.file_key = s.source_file"
                + " WHERE f.file_name = 'stray.csv' ORDER BY s.source_row")).hasSize(3).element(1).isEqualTo("INVALID_ROW");
        assertThat(trackingNumbersOf("stray.csv")).contains("800000001", "800000003");
    }

    @Test
    void aNameOf240CharactersIsMovedUnderAShorterNameAndReadOnce() throws Exception {
        String name = "x".repeat(236) + ".csv";
        drop(name, (HEADER + "\n" + row("950001", "900000001") + "\n").getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(inbox.resolve(name)));
        await().atMost(Duration.ofSeconds(30)).until(() -> doneFiles(".result.csv").stream()
                .anyMatch(f -> f.getFileName().toString().contains("xxxxxxxxxx")));
        assertThat(trackingNumbersOf(name)).containsExactly("900000001");
        Thread.sleep(1000); // five more polls of the inbox
        assertThat(taken(name)).isEqualTo(1);
        assertThat(Files.exists(inbox.resolve(name))).isFalse();
    }

    @Test
    void aNameOf250CharactersIsImported() throws Exception {
        String name = "y".repeat(246) + ".csv";
        drop(name, (HEADER + "\n" + row("960001", "910000001") + "\n").getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(30)).until(() -> trackingNumbersOf(name).size() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(inbox.resolve(name)));
        try (Stream<Path> s = Files.list(done)) {
            List<String> names = s.map(f -> f.getFileName().toString()).filter(n -> n.contains("yyyyyyyy")).toList();
            assertThat(names).isNotEmpty().allSatisfy(n -> assertThat(n.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(200));
        }
        Thread.sleep(1000);
        assertThat(taken(name)).isEqualTo(1);
    }

    @Test
    void randomBytesAreRejectedAsAWholeWithoutRows() throws Exception {
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        drop("noise.csv", noise);
        Path result = awaitResult("noise.csv");
        assertNotCsv(result, "noise.csv");
    }

    @Test
    void utf16WithABomAsExcelSavesUnicodeTextIsRejectedAsAWhole() throws Exception {
        String text = "\uFEFF" + HEADER.replace(',', '\t') + "\r\n" + row("970001", "920000001").replace(',', '\t') + "\r\n";
        drop("unicode.csv", text.getBytes(StandardCharsets.UTF_16LE));
        Path result = awaitResult("unicode.csv");
        List<CSVRecord> lines = assertNotCsv(result, "unicode.csv");
        assertThat(lines.get(1).get(2)).contains("UTF-16");
    }

    List<CSVRecord> assertNotCsv(Path result, String name) throws Exception {
        List<CSVRecord> lines = records(result);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).toList()).containsExactly("status", "result_code", "result_message");
        assertThat(lines.get(1).toList()).startsWith("REJECTED", "NOT_CSV");
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_SHIPMENT s JOIN MB_SHIPMENT_FILE f ON f.file_key = s.source_file"
                + " WHERE f.file_name = ?", name)).isZero();
        assertThat(warnings(name)).hasSize(1);
        return lines;
    }

    @Test
    void aHeaderWithoutDataRowsIsAWarning() throws Exception {
        drop("header-only.csv", (HEADER + "\r\n").getBytes(StandardCharsets.UTF_8));
        Path result = awaitResult("header-only.csv");
        List<CSVRecord> lines = records(result);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).toList()).endsWith("tracking_no", "status", "result_code", "result_message");
        assertThat(lines.get(1).get(6)).isEqualTo("WARNING");
        assertThat(lines.get(1).get(7)).isEqualTo("NO_DATA_ROWS");
        assertThat(warnings("header-only.csv")).hasSize(1);
    }

    /** A runtime of its own on its own inbox folder, for settings the shared one does not have. */
    static RuntimeHarness ownRuntime(Path dir, String key, String value) throws Exception {
        Properties p = RuntimeHarness.baseProperties(dir);
        p.setProperty("marketbridge.shipments.inbox.stable-ms", "200");
        p.setProperty("marketbridge.shipments.inbox.stable-timeout-ms", "1000");
        if (key != null) {
            p.setProperty(key, value);
        }
        Files.createDirectories(dir.resolve("in/shipments"));
        return RuntimeHarness.start(p, null, dir);
    }

    @Test
    void withADoneFileNameAFileWaitsForItsMarker(@TempDir Path own) throws Exception {
        try (RuntimeHarness r = ownRuntime(own, "marketbridge.shipments.inbox.done-file-name", "${file:name}.done")) {
            Path in = own.resolve("in/shipments");
            Files.writeString(in.resolve("marked.csv"), HEADER + "\n" + row("980001", "930000001") + "\n");
            Thread.sleep(1500); // seven polls: complete and stable, but no marker yet
            assertThat(in.resolve("marked.csv")).exists();
            assertThat(taken("marked.csv")).isZero();
            Files.writeString(in.resolve("marked.csv.done"), "");
            await().atMost(Duration.ofSeconds(20)).until(() -> taken("marked.csv") == 1);
            await().atMost(Duration.ofSeconds(20)).until(() -> !Files.exists(in.resolve("marked.csv.done")));
            assertThat(in.resolve("marked.csv")).doesNotExist();
        }
    }

    @Test
    void aFileThatCannotBeMovedToDoneIsNotReadAgainAndAgain(@TempDir Path own) throws Exception {
        try (RuntimeHarness r = ownRuntime(own, null, null)) {
            Path in = own.resolve("in/shipments");
            Files.writeString(in.resolve("done"), "a file where the done folder should be");
            Files.writeString(in.resolve("stuck.csv"), HEADER + "\n" + row("990001", "940000001") + "\n");
            await().atMost(Duration.ofSeconds(20)).until(() -> taken("stuck.csv") == 1);
            Thread.sleep(5000); // Camel tries a failing rename for about 2 s; a loop would read the file twice more by now
            assertThat(taken("stuck.csv")).isEqualTo(1);
            assertThat(in.resolve("stuck.csv")).exists();
        }
    }
}
