package io.marketbridge.marketplace;

import io.marketbridge.intake.Confirmations;
import io.marketbridge.intake.CursorStore;
import io.marketbridge.intake.IntakeErrors;
import io.marketbridge.intake.OrderChanges;
import io.marketbridge.shipment.ShipmentStore;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * The shared services a marketplace's beans are built from ({@link MarketplaceConnector#bindBeans}); the runtime
 * creates them once, before any marketplace binds its beans.
 *
 * @param clock         the runtime's clock (UTC)
 * @param dataSource    the pool of the runtime's database
 * @param intakeErrors  MB_INTAKE_ERROR: orders that could not be mapped or delivered
 * @param confirmations the acknowledgement ledger (MB_CONFIRMATION) and the re-read state
 * @param orderChanges  MB_ORDER_CHANGE: changes the marketplace reports after delivery
 * @param cursorStore   each account's poll cursor (MB_CURSOR)
 * @param shipmentStore MB_SHIPMENT: tracking numbers from the ERP and what became of them
 */
public record MarketplaceServices(Clock clock, DataSource dataSource, IntakeErrors intakeErrors, Confirmations confirmations,
                                  OrderChanges orderChanges, CursorStore cursorStore, ShipmentStore shipmentStore) {
}
