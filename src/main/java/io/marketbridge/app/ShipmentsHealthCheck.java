package io.marketbridge.app;

import io.marketbridge.shipment.ShipmentDispatch;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * /observe/health: "shipments" lists, per account, the shipments not yet sent (pending), failing (failed)
 * and refused (rejected), as last counted. It stays UP: a refused tracking number is the ERP's to fix,
 * not a reason to take the node out of service; alert on the marketbridge_shipments_open gauge instead.
 */
public class ShipmentsHealthCheck extends AbstractHealthCheck {

    private final ShipmentDispatch dispatch;

    public ShipmentsHealthCheck(ShipmentDispatch dispatch) {
        super("market-bridge", "shipments");
        this.dispatch = dispatch;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        long pending = 0;
        long failed = 0;
        long rejected = 0;
        for (Map.Entry<String, Map<String, Long>> e : dispatch.openCounts().entrySet()) {
            Map<String, Long> c = e.getValue();
            builder.detail("account." + e.getKey(), "pending=" + c.getOrDefault("pending", 0L) + " failed="
                    + c.getOrDefault("failed", 0L) + " rejected=" + c.getOrDefault("rejected", 0L));
            pending += c.getOrDefault("pending", 0L);
            failed += c.getOrDefault("failed", 0L);
            rejected += c.getOrDefault("rejected", 0L);
        }
        builder.detail("shipments.pending", pending);
        builder.detail("shipments.failed", failed);
        builder.detail("shipments.rejected", rejected);
        builder.up();
    }
}
