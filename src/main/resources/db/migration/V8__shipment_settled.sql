-- Market Bridge ERP contract: a shipment row the ERP or an operator has dealt with (see docs/erp-contract.md,
-- "Settling a shipment that was not sent").
--
-- A REJECTED row is final and a FAILED row that used up its attempts stays FAILED; once a person has handled it
-- (corrected the number in a new row, shipped by other means, cancelled the order), the ERP sets its status to
-- SETTLED:
--   UPDATE MB_SHIPMENT SET status = 'SETTLED' WHERE id = ? AND status IN ('REJECTED', 'FAILED');
-- The runtime never takes a SETTLED row again (a FAILED row settled before its next attempt is not retried), and it
-- leaves the open view and the marketbridge_shipments_open gauge. No column changes: status is VARCHAR(16).
DROP VIEW MB_SHIPMENT_OPEN;

-- What is neither SENT nor SETTLED (waiting, in flight, failed, rejected). Read it oldest first: ORDER BY id.
CREATE VIEW MB_SHIPMENT_OPEN AS
    SELECT id, marketplace, account_id, order_id, line_id, courier, tracking_no, status, attempts,
           result_code, result_message, created_at, updated_at
    FROM MB_SHIPMENT
    WHERE status NOT IN ('SENT', 'SETTLED');
