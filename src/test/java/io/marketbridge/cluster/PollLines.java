package io.marketbridge.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The poll lines of the nodes' logs (one per poll that ended, with its duration): how many polls each node ran, and
 * whether two polls of one account and job ever ran at the same time, on one node or on two.
 */
final class PollLines {

    private static final Pattern LINE = Pattern.compile(
            "^(\\S+ \\S+) .*io\\.marketbridge\\.poll - account=(\\S+) job=(\\S+) .*duration=(\\d+)ms.*$");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSXXX");

    record Poll(String node, String account, String job, long startMs, long endMs) {
    }

    private PollLines() {
    }

    static List<Poll> read(String node, Path log) throws IOException {
        List<Poll> polls = new ArrayList<>();
        if (!Files.exists(log)) {
            return polls;
        }
        for (String line : new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList()) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                long end = OffsetDateTime.parse(m.group(1), TIME).toInstant().toEpochMilli();
                polls.add(new Poll(node, m.group(2), m.group(3), end - Long.parseLong(m.group(4)), end));
            }
        }
        return polls;
    }

    /**
     * Pairs of polls of one account and job whose times overlap by more than {@code toleranceMs} (the log's time
     * and the measured duration are taken a moment apart), as readable strings.
     */
    static List<String> overlaps(List<Poll> polls, long toleranceMs) {
        Map<String, List<Poll>> byJob = new HashMap<>();
        polls.forEach(p -> byJob.computeIfAbsent(p.account() + "/" + p.job(), k -> new ArrayList<>()).add(p));
        List<String> overlaps = new ArrayList<>();
        byJob.forEach((job, list) -> {
            list.sort(Comparator.comparingLong(Poll::startMs));
            Poll latest = null; // of the polls started so far, the one that ended last
            for (Poll p : list) {
                if (latest != null && p.startMs() + toleranceMs < latest.endMs()) {
                    overlaps.add(job + ": " + latest + " and " + p);
                }
                if (latest == null || p.endMs() > latest.endMs()) {
                    latest = p;
                }
            }
        });
        return overlaps;
    }
}
