-- Lookups the runtime makes on every poll: a shipping unit by account (acknowledgement results, re-reads)
-- and the orders of one CSV batch.
CREATE INDEX MB_CONFIRMATION_UNIT ON MB_CONFIRMATION (account_id, shipment_id);
CREATE INDEX MB_DELIVERY_BATCH ON MB_DELIVERY (csv_batch);
