package io.marketbridge.intake;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;

/**
 * Walks the slices of a window ({@link WindowSlicer}) page by page: the slice being read, and the marketplace's
 * cursor to its next page (a token, a page number, a "more" position; null on a slice's first page).
 *
 * @param <C> the marketplace's page cursor
 */
public final class SlicePaging<C> {

    private final Deque<WindowSlicer.Slice> slices;
    private C cursor;
    private int slicesDone;

    public SlicePaging(Collection<WindowSlicer.Slice> slices) {
        this.slices = new ArrayDeque<>(slices);
    }

    /** True while a slice is left to read. */
    public boolean hasNext() {
        return !slices.isEmpty();
    }

    /** The slice being read. */
    public WindowSlicer.Slice slice() {
        return slices.peekFirst();
    }

    /** The cursor to the slice's next page; null on its first page. */
    public C cursor() {
        return cursor;
    }

    /** How many slices were read to their end. */
    public int slicesDone() {
        return slicesDone;
    }

    /** The slice has another page, at this cursor. */
    public void nextPage(C next) {
        cursor = next;
    }

    /** The slice was read to its end: on to the next one. */
    public void sliceDone() {
        slices.pollFirst();
        cursor = null;
        slicesDone++;
    }

    /** The slice is read again as these parts (its halves after a full answer), the first of them next. */
    public void replaceSlice(List<WindowSlicer.Slice> parts) {
        slices.pollFirst();
        cursor = null;
        for (int i = parts.size() - 1; i >= 0; i--) {
            slices.addFirst(parts.get(i));
        }
    }
}
