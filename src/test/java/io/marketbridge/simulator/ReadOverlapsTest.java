package io.marketbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The simulators' counters of overlapping reads per account and of confirm calls per unit. */
class ReadOverlapsTest {

    @Test
    void aReadThatStartsWhileAnotherOfTheSameAccountIsAnsweredIsAnOverlap() {
        ReadOverlaps reads = new ReadOverlaps();
        AutoCloseable first = reads.enter("A1");
        AutoCloseable other = reads.enter("A2"); // another account: no overlap
        AutoCloseable second = reads.enter("A1");
        ReadOverlaps.leave(second);
        ReadOverlaps.leave(first);
        ReadOverlaps.leave(first); // closed again in a finally: counted once
        ReadOverlaps.leave(other);
        AutoCloseable later = reads.enter("A1"); // after both ended
        ReadOverlaps.leave(later);

        assertThat(reads.overlaps()).isEqualTo(1);
        assertThat(reads.byAccount()).containsExactly(java.util.Map.entry("A1", 1L));
        assertThat(reads.events()).singleElement().asString().startsWith("A1 at ");
        assertThat(reads.reads()).isEqualTo(4);
    }

    @Test
    void aUnitNamedInTwoConfirmCallsIsReportedWithItsCount() {
        ConfirmCalls calls = new ConfirmCalls();
        calls.record("box-1");
        calls.record("box-2");
        calls.record("box-1");

        assertThat(calls.repeated()).containsExactly(java.util.Map.entry("box-1", 2));
        assertThat(calls.units()).isEqualTo(2);
        assertThat(calls.firstCallAt("box-2")).isNotNull();
        assertThat(calls.firstCallAt("box-3")).isNull();
    }
}
