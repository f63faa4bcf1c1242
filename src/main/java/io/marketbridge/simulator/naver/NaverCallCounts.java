package io.marketbridge.simulator.naver;

import java.util.concurrent.atomic.AtomicLong;

/** Calls answered per API, for tests, benchmarks and the control endpoint's stats. */
final class NaverCallCounts {
    /** Token requests answered (refused ones included). */
    final AtomicLong token = new AtomicLong();
    final AtomicLong feed = new AtomicLong();
    /** Detail queries and conditional searches. */
    final AtomicLong query = new AtomicLong();
    /** Confirm calls answered after auth and rate checks, refused ones included. */
    final AtomicLong confirm = new AtomicLong();
    /** Dispatch calls answered after auth and rate checks, refused ones included. */
    final AtomicLong dispatch = new AtomicLong();
    /** Claim calls (cancel/approve, cancel/request, return/approve, return/reject) answered, refused ones included. */
    final AtomicLong claim = new AtomicLong();
    /** Stock calls (option-stock, change-status) answered after auth and rate checks, refused ones included. */
    final AtomicLong stock = new AtomicLong();
    /** Product orders named in confirm calls, per product order. */
    final io.marketbridge.simulator.ConfirmCalls confirmsPerUnit = new io.marketbridge.simulator.ConfirmCalls();
    /** Change-feed reads per seller that overlap. */
    final io.marketbridge.simulator.ReadOverlaps feedReads = new io.marketbridge.simulator.ReadOverlaps();
}
