-- Coupang asks sellers to re-read each box after acknowledging it (the receiver may have changed while the
-- box was ACCEPT). reread_state keeps which acknowledged units still need that re-read, so a run stopped
-- between the acknowledgement and the re-read leaves it to the next poll: DUE (set in the transaction that
-- records the acknowledgement), DONE (re-read), UNREADABLE (the marketplace refused the read), or empty
-- (no re-read asked for).
ALTER TABLE MB_CONFIRMATION ADD COLUMN reread_state VARCHAR(16);
CREATE INDEX MB_CONFIRMATION_REREAD ON MB_CONFIRMATION (account_id, reread_state);
