package io.marketbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallRatesTest {

    @Test
    void reportsThePeakPerCallerAndForgetsItOnReset() {
        CallRates rates = new CallRates();
        assertThat(rates.record("a")).isEqualTo(1);
        assertThat(rates.record("a")).isEqualTo(2);
        assertThat(rates.record("b")).isEqualTo(1);
        assertThat(rates.record("a")).isEqualTo(3);

        assertThat(rates.peakPerCaller()).isEqualTo(3);
        // four calls within microseconds: one wall-clock second, or two when they straddle a boundary
        assertThat(rates.peakTotal()).isBetween(2L, 4L);

        rates.reset();
        assertThat(rates.peakPerCaller()).isZero();
        assertThat(rates.peakTotal()).isZero();
        // the sliding window is not a peak: calls still within the last second keep counting
        assertThat(rates.record("a")).isBetween(1, 4);
    }
}
