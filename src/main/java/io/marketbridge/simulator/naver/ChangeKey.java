package io.marketbridge.simulator.naver;

/** The feed's sort key: lastChangedDate, then productOrderId (both ascending). */
record ChangeKey(long at, String productOrderId) implements Comparable<ChangeKey> {
    @Override
    public int compareTo(ChangeKey o) {
        int c = Long.compare(at, o.at);
        return c != 0 ? c : productOrderId.compareTo(o.productOrderId);
    }
}
