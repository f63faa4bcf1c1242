package io.marketbridge.intake;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a poll's window into the slices a marketplace's order query takes: times in KST cut down to the
 * marketplace's grain (a day, a minute, a millisecond), both ends of a slice inclusive and at most
 * {@code maxApart} apart. The next slice starts one grain after the previous one ended, or on that same instant
 * ({@link Boundary#SHARED}: the boundary is read by both slices). A slice whose answer was full can be read again
 * as two {@linkplain #halves halves}. Configured once per marketplace; {@link SlicePaging} walks the slices page
 * by page.
 */
public final class WindowSlicer {

    /** Where the next slice starts. */
    public enum Boundary {
        /** one grain after the end of the previous slice */
        NEXT_GRAIN,
        /** on the end of the previous slice, which both slices read */
        SHARED
    }

    /** One slice of a window, both ends inclusive, in KST. */
    public record Slice(OffsetDateTime from, OffsetDateTime to) {

        public String from(DateTimeFormatter format) {
            return format.format(from);
        }

        public String to(DateTimeFormatter format) {
            return format.format(to);
        }
    }

    private final ChronoUnit grain;
    private final Duration maxApart;
    private final Boundary boundary;

    private WindowSlicer(ChronoUnit grain, Duration maxApart, Boundary boundary) {
        this.grain = grain;
        this.maxApart = maxApart;
        this.boundary = boundary;
    }

    /**
     * @param grain    the unit a bound is given in; the window's ends are cut down to it
     * @param maxApart how far apart the two (inclusive) ends of one slice may be
     */
    public static WindowSlicer of(ChronoUnit grain, Duration maxApart, Boundary boundary) {
        return new WindowSlicer(grain, maxApart, boundary);
    }

    /** The window [from, to] as slices, oldest first; none when from is after to. */
    public List<Slice> slices(OffsetDateTime from, OffsetDateTime to) {
        OffsetDateTime end = kst(to);
        List<Slice> slices = new ArrayList<>();
        for (OffsetDateTime start = kst(from); !start.isAfter(end); ) {
            OffsetDateTime sliceEnd = start.plus(maxApart);
            if (!sliceEnd.isBefore(end)) {
                slices.add(new Slice(start, end));
                break;
            }
            slices.add(new Slice(start, sliceEnd));
            start = boundary == Boundary.SHARED ? sliceEnd : sliceEnd.plus(1, grain);
        }
        return slices;
    }

    /** The two halves of a slice whose answer was full, or none when it is a single grain already. */
    public List<Slice> halves(Slice slice) {
        long grains = grain.between(slice.from(), slice.to());
        if (grains <= 0) {
            return List.of();
        }
        OffsetDateTime mid = slice.from().plus(grains / 2, grain);
        return List.of(new Slice(slice.from(), mid),
                new Slice(boundary == Boundary.SHARED ? mid : mid.plus(1, grain), slice.to()));
    }

    private OffsetDateTime kst(OffsetDateTime t) {
        return t.atZoneSameInstant(CursorStore.SEOUL).toOffsetDateTime().truncatedTo(grain);
    }
}
