-- The clustered job store picks its next triggers by state, then fire time, then priority (highest first), a few at a
-- time and under its one row lock. With the index on (state, fire time) alone PostgreSQL read and sorted every due
-- trigger to find the first few (10,000 at a minute boundary); this one hands them out in order
-- (io.marketbridge.cluster.PostgreSqlJobStoreDelegate asks for them with a LIMIT).
CREATE INDEX IDX_MB_QRTZ_T_NFT_ST_PRIO ON MB_QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_STATE, NEXT_FIRE_TIME, PRIORITY DESC);
