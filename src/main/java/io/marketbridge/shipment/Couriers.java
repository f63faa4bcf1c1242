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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The canonical courier table: resolves whatever an ERP calls a courier (canonical code, a name, or any
 * marketplace's code for it) to one {@link Courier}, gives its code at a marketplace, and checks a tracking
 * number's format before anything is sent.
 */
public final class Couriers {

    private static final String RESOURCE = "couriers.csv";
    private static final List<String> HEADER = List.of("canonical", "names", "coupang", "naver", "11st", "esm", "lotteon", "tracking");

    private final List<Courier> all;
    /** Normalized alias (code, name, native code) -> courier. */
    private final Map<String, Courier> byAlias;

    private Couriers(List<Courier> all, Map<String, Courier> byAlias) {
        this.all = all;
        this.byAlias = byAlias;
    }

    /** The table shipped with Market Bridge. */
    public static Couriers load() {
        try (InputStream in = Couriers.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An operator's own table in the same format (marketbridge.shipments.couriers-file). */
    public static Couriers load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the courier table " + file + ": " + e.getMessage(), e);
        }
    }

    static Couriers parse(String text, String source) {
        List<Courier> all = new ArrayList<>();
        Map<String, Courier> byAlias = new HashMap<>();
        boolean headerSeen = false;
        String[] lines = text.replace("\uFEFF", "").split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String where = source + " line " + (i + 1);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> cells = Arrays.stream(line.split(",", -1)).map(String::trim).toList();
            if (!headerSeen) {
                if (!cells.equals(HEADER)) {
                    throw new IllegalArgumentException(where + ": the header must be " + String.join(",", HEADER));
                }
                headerSeen = true;
                continue;
            }
            if (cells.size() != HEADER.size()) {
                throw new IllegalArgumentException(where + ": " + cells.size() + " columns, expected " + HEADER.size());
            }
            String code = cells.get(0).toUpperCase(Locale.ROOT);
            if (code.isEmpty()) {
                throw new IllegalArgumentException(where + ": the canonical code is empty");
            }
            if (all.stream().anyMatch(c -> c.code().equals(code))) {
                throw new IllegalArgumentException(where + ": courier " + code + " appears twice");
            }
            String rule = cells.get(7);
            if (!rule.isEmpty() && !rule.equals("any") && !rule.matches("[0-9]+(\\|[0-9]+)*|[0-9]+-[0-9]+")) {
                throw new IllegalArgumentException(where + ": tracking rule '" + rule + "' is not a length (13),"
                        + " lengths (10|12), a range (8-16) or any");
            }
            Map<Marketplace, String> codes = new EnumMap<>(Marketplace.class);
            put(codes, Marketplace.COUPANG, cells.get(2));
            put(codes, Marketplace.NAVER, cells.get(3));
            put(codes, Marketplace.ELEVENST, cells.get(4));
            put(codes, Marketplace.GMARKET, cells.get(5));
            put(codes, Marketplace.AUCTION, cells.get(5));
            put(codes, Marketplace.LOTTEON, cells.get(6));
            List<String> names = cells.get(1).isEmpty() ? List.of()
                    : Arrays.stream(cells.get(1).split("\\|")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            Courier courier = new Courier(code, names, Map.copyOf(codes), rule);
            all.add(courier);
            List<String> aliases = new ArrayList<>(names);
            aliases.add(code);
            aliases.addAll(codes.values());
            for (String alias : aliases) {
                Courier before = byAlias.putIfAbsent(normalize(alias), courier);
                if (before != null && before != courier) {
                    throw new IllegalArgumentException(where + ": '" + alias + "' would name both " + before.code()
                            + " and " + code);
                }
            }
        }
        if (!headerSeen) {
            throw new IllegalArgumentException(source + ": no header row (" + String.join(",", HEADER) + ")");
        }
        return new Couriers(List.copyOf(all), Map.copyOf(byAlias));
    }

    private static void put(Map<Marketplace, String> codes, Marketplace m, String code) {
        if (!code.isEmpty()) {
            codes.put(m, code);
        }
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
