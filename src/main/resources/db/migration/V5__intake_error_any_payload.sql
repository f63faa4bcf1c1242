-- MB_INTAKE_ERROR takes any payload reference, however long. payload_ref stays the short key of the row
-- (VARCHAR(100), unique per marketplace and account): a reference longer than that, or holding a control
-- character, is keyed by its first characters and its SHA-256, and full_ref keeps it whole. raw_payload was
-- long text already (CLOB, TEXT, LONGTEXT). See docs/erp-contract.md.
ALTER TABLE MB_INTAKE_ERROR ADD COLUMN full_ref ${text};
UPDATE MB_INTAKE_ERROR SET full_ref = payload_ref;
