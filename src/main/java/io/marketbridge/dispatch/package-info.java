/**
 * What the shipment and claim action dispatches share: claiming due rows of an outbound table (MB_SHIPMENT,
 * MB_CLAIM_ACTION) safely with several nodes, retrying FAILED rows with a doubling wait, and a batch of units
 * with its outcome counts, log line and counters. What each flow checks and sends stays in its own package.
 */
package io.marketbridge.dispatch;
