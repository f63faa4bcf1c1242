package io.marketbridge.shipment;

import io.marketbridge.order.Marketplace;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The canonical courier table: resolves whatever an ERP calls a courier (canonical code, a name, or any
 * marketplace's code for it) to one {@link Courier}, gives its code at a marketplace, and checks a tracking
 * number's format before anything is sent. Columns are found by their header: canonical, names, tracking, and
 * one per marketplace connector ({@link CourierColumn}); any other column's codes are accepted as names.
 */
public final class Couriers {

    private static final Logger LOG = LoggerFactory.getLogger(Couriers.class);
    private static final String RESOURCE = "couriers.csv";
    static final String CANONICAL = "canonical";
    static final String NAMES = "names";
    static final String TRACKING = "tracking";
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setCommentMarker('#').setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(true).setTrim(true).get();

    private final List<Courier> all;
    /** Normalized alias (code, name, native code) -> courier. */
    private final Map<String, Courier> byAlias;

    private Couriers(List<Courier> all, Map<String, Courier> byAlias) {
        this.all = all;
        this.byAlias = byAlias;
    }

    /** The table shipped with Market Bridge, read for the given marketplaces' columns. */
    public static Couriers load(Collection<CourierColumn> columns) {
        try (InputStream in = Couriers.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + RESOURCE, columns);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An operator's own table in the same format (marketbridge.shipments.couriers-file). */
    public static Couriers load(Path file, Collection<CourierColumn> columns) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the courier table " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString(), columns);
    }

    static Couriers parse(String text, String source, Collection<CourierColumn> columns) {
        // each record with the line it ends on (its only line, in this table), for messages
        List<CSVRecord> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(text.replace("\uFEFF", ""), FORMAT)) {
            for (CSVRecord record : parser) {
                if (!blank(record)) {
                    rows.add(record);
                    lines.add(parser.getCurrentLineNumber());
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // commons-csv's message names the line ("(line 12) invalid char between encapsulated token and delimiter")
            throw new IllegalArgumentException(source + ": not a valid CSV table: " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(source + ": no header row (" + expectedHeader(columns) + ")");
        }
        Header header = Header.read(rows.get(0), source + " line " + lines.get(0), columns);
        List<Courier> all = new ArrayList<>();
        Map<String, Courier> byAlias = new HashMap<>();
        for (int r = 1; r < rows.size(); r++) {
            CSVRecord record = rows.get(r);
            String where = source + " line " + lines.get(r);
            if (record.size() != header.size) {
                throw new IllegalArgumentException(where + ": " + record.size() + " columns, expected " + header.size);
            }
            String code = record.get(header.canonical).toUpperCase(Locale.ROOT);
            if (code.isEmpty()) {
                throw new IllegalArgumentException(where + ": the canonical code is empty");
            }
            if (all.stream().anyMatch(c -> c.code().equals(code))) {
                throw new IllegalArgumentException(where + ": courier " + code + " appears twice");
            }
            String rule = record.get(header.tracking);
            if (!rule.isEmpty() && !rule.equals("any") && !rule.matches("[0-9]+(\\|[0-9]+)*|[0-9]+-[0-9]+")) {
                throw new IllegalArgumentException(where + ": tracking rule '" + rule + "' is not a length (13),"
                        + " lengths (10|12), a range (8-16) or any");
            }
            Map<Marketplace, String> codes = new EnumMap<>(Marketplace.class);
            header.marketplaceColumns.forEach((column, index) -> {
                String cell = record.get(index);
                if (!cell.isEmpty()) {
                    column.marketplaces().forEach(m -> codes.put(m, cell));
                }
            });
            String namesCell = record.get(header.names);
            List<String> names = namesCell.isEmpty() ? List.of()
                    : Arrays.stream(namesCell.split("\\|")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            Courier courier = new Courier(code, names, Map.copyOf(codes), rule);
            all.add(courier);
            List<String> aliases = new ArrayList<>(names);
            aliases.add(code);
            aliases.addAll(codes.values());
            header.otherColumns.forEach(index -> {
                if (!record.get(index).isEmpty()) {
                    aliases.add(record.get(index));
                }
            });
            for (String alias : aliases) {
                Courier before = byAlias.putIfAbsent(normalize(alias), courier);
                if (before != null && before != courier) {
                    throw new IllegalArgumentException(where + ": '" + alias + "' would name both " + before.code()
                            + " and " + code);
                }
            }
        }
        return new Couriers(List.copyOf(all), Map.copyOf(byAlias));
    }

    /** Where each column is, from the header row; a missing fixed column is an error, a missing marketplace column a warning. */
    private static final class Header {
        final int size;
        final int canonical;
        final int names;
        final int tracking;
        final Map<CourierColumn, Integer> marketplaceColumns = new LinkedHashMap<>();
        final List<Integer> otherColumns = new ArrayList<>();

        private Header(int size, int canonical, int names, int tracking) {
            this.size = size;
            this.canonical = canonical;
            this.names = names;
            this.tracking = tracking;
        }

        static Header read(CSVRecord record, String where, Collection<CourierColumn> columns) {
            Map<String, Integer> index = new LinkedHashMap<>();
            for (int i = 0; i < record.size(); i++) {
                String name = record.get(i).toLowerCase(Locale.ROOT);
                if (name.isEmpty()) {
                    throw new IllegalArgumentException(where + ": column " + (i + 1) + " of the header has no name;"
                            + " the header must name " + expectedHeader(columns));
                }
                if (index.putIfAbsent(name, i) != null) {
                    throw new IllegalArgumentException(where + ": the header names column " + name + " twice");
                }
            }
            List<String> missing = new ArrayList<>();
            for (String fixed : List.of(CANONICAL, NAMES, TRACKING)) {
                if (!index.containsKey(fixed)) {
                    missing.add(fixed);
                }
            }
            Map<CourierColumn, Integer> found = new LinkedHashMap<>();
            for (CourierColumn column : columns) {
                Integer at = index.get(column.header().toLowerCase(Locale.ROOT));
                for (String former : column.formerHeaders()) {
                    Integer formerAt = index.get(former.toLowerCase(Locale.ROOT));
                    if (formerAt != null && at != null) {
                        throw new IllegalArgumentException(where + ": the header names both " + column.header()
                                + " and its former name " + former + "; keep " + column.header());
                    }
                    if (formerAt != null) {
                        LOG.warn("{}: column {} is the former name of {}; read as {} (rename it)", where, former,
                                column.header(), column.header());
                        at = formerAt;
                    }
                }
                if (at == null) {
                    // an operator's own table written before this marketplace existed: it keeps working, and the
                    // marketplace's shipments are refused as an unmapped courier until the column is added
                    LOG.warn("{}: no {} column; shipments of {} accounts are rejected (courier not mapped) until the"
                            + " table names their codes", where, column.header(), column.header());
                } else {
                    found.put(column, at);
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException(where + ": the header must name " + expectedHeader(columns)
                        + "; missing: " + String.join(", ", missing));
            }
            Header header = new Header(record.size(), index.get(CANONICAL), index.get(NAMES), index.get(TRACKING));
            header.marketplaceColumns.putAll(found);
            for (int i = 0; i < record.size(); i++) {
                if (i != header.canonical && i != header.names && i != header.tracking && !found.containsValue(i)) {
                    header.otherColumns.add(i);
                }
            }
            return header;
        }
    }

    /** The columns a table must have, as its header would list them. */
    static String expectedHeader(Collection<CourierColumn> columns) {
        List<String> names = new ArrayList<>(List.of(CANONICAL, NAMES));
        columns.forEach(c -> names.add(c.header()));
        names.add(TRACKING);
        return String.join(",", names);
    }

    private static boolean blank(CSVRecord record) {
        return record.stream().allMatch(String::isEmpty);
    }

    private static String normalize(String s) {
        return s.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    }

    public List<Courier> all() {
        return all;
    }

    /** The courier an ERP's value names: canonical code, a name or any marketplace's code; case and spaces ignored. */
    public Optional<Courier> resolve(String input) {
        return input == null ? Optional.empty() : Optional.ofNullable(byAlias.get(normalize(input)));
    }

    /** The courier's code at the marketplace; empty when the table has none. */
    public Optional<String> nativeCode(Courier courier, Marketplace marketplace) {
        return Optional.ofNullable(courier.nativeCodes().get(marketplace));
    }

    /** Spaces and hyphens are how people write numbers, not part of them. */
    public static String normalizeTracking(String trackingNo) {
        return trackingNo == null ? "" : trackingNo.replaceAll("[\\s-]", "");
    }

    /** Empty when the (normalized) number fits the courier's format; else a message naming the value and the rule. */
    public Optional<String> checkTracking(Courier courier, String trackingNo) {
        String rule = courier.trackingRule();
        if (rule.equals("any")) {
            return trackingNo.isEmpty() || trackingNo.matches("[0-9A-Za-z]{1,30}") ? Optional.empty()
                    : Optional.of("tracking number '" + trackingNo + "' for " + courier.code() + " must be letters and digits");
        }
        if (!trackingNo.matches("[0-9]+")) {
            return Optional.of("tracking number '" + trackingNo + "' for " + courier.code() + " must be digits only");
        }
        int length = trackingNo.length();
        boolean ok;
        String expected;
        if (rule.isEmpty()) {
            ok = length >= 6 && length <= 20;
            expected = "6 to 20 digits";
        } else if (rule.contains("-")) {
            String[] range = rule.split("-");
            ok = length >= Integer.parseInt(range[0]) && length <= Integer.parseInt(range[1]);
            expected = range[0] + " to " + range[1] + " digits";
        } else {
            List<String> lengths = List.of(rule.split("\\|"));
            ok = lengths.contains(String.valueOf(length));
            expected = String.join(" or ", lengths) + " digits";
        }
        return ok ? Optional.empty()
                : Optional.of("tracking number '" + trackingNo + "' for " + courier.code() + " must be " + expected
                + " (it has " + length + ")");
    }
}
