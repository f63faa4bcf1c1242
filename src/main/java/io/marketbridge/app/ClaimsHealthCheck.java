package io.marketbridge.app;

import io.marketbridge.claim.ClaimHolds;
import io.marketbridge.claim.ClaimType;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * /observe/health: "claims" lists, per account, the open claims by type and the held lines (a cancel arrived and the
 * line was never shipped: its shipment is refused), as last counted. It stays UP: a hold is the seller's decision to
 * make, not a fault of the node; alert on marketbridge_claims_open or marketbridge_claims_held instead.
 */
public class ClaimsHealthCheck extends AbstractHealthCheck {

    private final ClaimHolds holds;

    public ClaimsHealthCheck(ClaimHolds holds) {
        super("market-bridge", "claims");
        this.holds = holds;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Map<String, Long> held = holds.heldCounts();
        long openTotal = 0;
        long heldTotal = 0;
        for (Map.Entry<String, Map<ClaimType, Long>> e : holds.openCounts().entrySet()) {
            StringBuilder text = new StringBuilder();
            for (ClaimType type : ClaimType.values()) {
                long n = e.getValue().getOrDefault(type, 0L);
                text.append(type.name().toLowerCase(java.util.Locale.ROOT)).append('=').append(n).append(' ');
                openTotal += n;
            }
            long h = held.getOrDefault(e.getKey(), 0L);
            heldTotal += h;
            builder.detail("account." + e.getKey(), text + "held=" + h);
        }
        builder.detail("claims.open", openTotal);
        builder.detail("claims.held", heldTotal);
        builder.up();
    }
}
