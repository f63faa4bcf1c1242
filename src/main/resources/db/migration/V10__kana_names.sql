-- ERP contract version 4: the reading of the buyer's and the receiver's names in katakana, where the marketplace
-- gives one (Qoo10 Japan: buyer_gata, receiver_gata); NULL for every other marketplace. Added at the end of
-- MB_ORDER, as the contract promises. See docs/erp-contract.md.
ALTER TABLE MB_ORDER ADD COLUMN buyer_name_kana VARCHAR(100);
ALTER TABLE MB_ORDER ADD COLUMN receiver_name_kana VARCHAR(100);
