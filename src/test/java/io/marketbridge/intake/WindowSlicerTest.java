package io.marketbridge.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowSlicerTest {

    static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    static OffsetDateTime kst(String t) {
        return OffsetDateTime.parse(t + "+09:00");
    }

    static List<String> shown(List<WindowSlicer.Slice> slices) {
        return slices.stream().map(s -> s.from(MINUTE) + ".." + s.to(MINUTE)).toList();
    }

    @Test
    void dailySlicesCoverWholeDaysAndNeverOverlap() {
        WindowSlicer daily = WindowSlicer.of(ChronoUnit.DAYS, Duration.ofDays(30), WindowSlicer.Boundary.NEXT_GRAIN);
        List<WindowSlicer.Slice> slices = daily.slices(kst("2024-01-01T13:45:10"), kst("2024-03-05T01:00:00"));
        assertThat(shown(slices)).containsExactly(
                "2024-01-01 00:00..2024-01-31 00:00",
                "2024-02-01 00:00..2024-03-02 00:00",
                "2024-03-03 00:00..2024-03-05 00:00");
    }

    @Test
    void theWindowIsReadInKoreanTime() {
        WindowSlicer daily = WindowSlicer.of(ChronoUnit.DAYS, Duration.ofDays(30), WindowSlicer.Boundary.NEXT_GRAIN);
        // 20:00 UTC is 05:00 the next day in Seoul
        List<WindowSlicer.Slice> slices = daily.slices(OffsetDateTime.parse("2024-01-01T20:00:00Z"),
                OffsetDateTime.parse("2024-01-01T21:00:00Z"));
        assertThat(shown(slices)).containsExactly("2024-01-02 00:00..2024-01-02 00:00");
        assertThat(slices.get(0).from().getOffset().getTotalSeconds()).isEqualTo(9 * 3600);
    }

    @Test
    void sharedBoundariesAreReadByBothSlicesAndTheLastEndsOnTheWindow() {
        WindowSlicer esm = WindowSlicer.of(ChronoUnit.MINUTES, Duration.ofDays(1), WindowSlicer.Boundary.SHARED);
        assertThat(shown(esm.slices(kst("2024-01-01T10:00:30"), kst("2024-01-03T12:00:59")))).containsExactly(
                "2024-01-01 10:00..2024-01-02 10:00",
                "2024-01-02 10:00..2024-01-03 10:00",
                "2024-01-03 10:00..2024-01-03 12:00");
        assertThat(shown(esm.slices(kst("2024-01-01T10:00:00"), kst("2024-01-01T10:00:00"))))
                .containsExactly("2024-01-01 10:00..2024-01-01 10:00");
    }

    @Test
    void aWindowEndingBeforeItStartsHasNoSlice() {
        WindowSlicer minutes = WindowSlicer.of(ChronoUnit.MINUTES, Duration.ofDays(7), WindowSlicer.Boundary.NEXT_GRAIN);
        assertThat(minutes.slices(kst("2024-01-02T00:00:00"), kst("2024-01-01T00:00:00"))).isEmpty();
    }

    @Test
    void aFullSliceHalvesDownToOneGrain() {
        WindowSlicer minutes = WindowSlicer.of(ChronoUnit.MINUTES, Duration.ofDays(7).minusMinutes(1),
                WindowSlicer.Boundary.NEXT_GRAIN);
        WindowSlicer.Slice slice = new WindowSlicer.Slice(kst("2024-01-01T10:00:00"), kst("2024-01-01T10:03:00"));
        assertThat(shown(minutes.halves(slice))).containsExactly(
                "2024-01-01 10:00..2024-01-01 10:01", "2024-01-01 10:02..2024-01-01 10:03");
        WindowSlicer.Slice one = new WindowSlicer.Slice(kst("2024-01-01T10:00:00"), kst("2024-01-01T10:00:00"));
        assertThat(minutes.halves(one)).isEmpty();
    }

    @Test
    void pagingWalksSlicesAndTheirPages() {
        WindowSlicer hours = WindowSlicer.of(ChronoUnit.HOURS, Duration.ofHours(1), WindowSlicer.Boundary.NEXT_GRAIN);
        SlicePaging<String> pages = new SlicePaging<>(hours.slices(kst("2024-01-01T00:00:00"), kst("2024-01-01T03:00:00")));
        assertThat(pages.hasNext()).isTrue();
        assertThat(pages.cursor()).isNull();
        pages.nextPage("token");
        assertThat(pages.cursor()).isEqualTo("token");
        pages.sliceDone();
        assertThat(pages.cursor()).isNull();
        assertThat(pages.slicesDone()).isEqualTo(1);
        assertThat(pages.slice().from()).isEqualTo(kst("2024-01-01T02:00:00"));
        pages.replaceSlice(hours.halves(pages.slice()));
        assertThat(pages.slice().to()).isEqualTo(kst("2024-01-01T02:00:00"));
        pages.sliceDone();
        pages.sliceDone();
        assertThat(pages.hasNext()).isFalse();
    }
}
