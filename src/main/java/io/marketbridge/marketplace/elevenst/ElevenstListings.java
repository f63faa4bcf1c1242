package io.marketbridge.marketplace.elevenst;

import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.RejectedException;
import io.marketbridge.order.Marketplace;
import io.marketbridge.stock.LearnedListing;
import io.marketbridge.stock.ListingImport;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * 11st's side of the listing import (route elevenst-listings, 11st.md 1.3 and 1.7): the stock read GET
 * /rest/prodmarketservice/prodmarket/stck/{prdNo} of each product, whose {@code ProductStock} items (under
 * {@code ProductStocks}; read by local name, prefixed or not) give every option of it: prdStckNo, the seller's code
 * sellerStockCd, stckQty. An answer {@code ClientMessage} with a resultCode other than 2xx is 11st's "no such
 * product" or refusal for that product alone.
 */
public class ElevenstListings {

    static final String STOCK_READ = "/rest/prodmarketservice/prodmarket/stck/";

    /** Route step: the read of the product the import is at. */
    public ApiRequest request(@ExchangeProperty(ListingImport.PROPERTY) ListingImport job) {
        String prdNo = job.getProduct().getListingId().trim();
        if (!prdNo.matches("[0-9]{1,19}")) {
            throw new RejectedException("BAD_LISTING", "'" + prdNo + "' is not an 11st prdNo (digits)");
        }
        return ApiRequest.get(STOCK_READ + prdNo, "", "stock read of prdNo " + prdNo);
    }

    /** Route step: the product's options with the seller codes 11st holds for them. */
    public List<LearnedListing> options(@ExchangeProperty(ListingImport.PROPERTY) ListingImport job,
                                        @Body ElevenstXml.Answer answer) {
        return options(job.getProduct().getListingId().trim(), answer);
    }

    static List<LearnedListing> options(String prdNo, ElevenstXml.Answer answer) {
        Integer code = answer.resultCode();
        if (code != null && (code < 200 || code >= 300) && answer.rows().isEmpty()) {
            String text = answer.resultText() == null ? "" : " " + answer.resultText();
            throw new RejectedException(String.valueOf(code), "11st answered the stock read of prdNo " + prdNo
                    + " with resultCode " + code + text);
        }
        Set<LearnedListing> options = new LinkedHashSet<>();
        for (Map<String, String> item : answer.rows()) {
            String itemPrdNo = ElevenstXml.value(item, "prdNo");
            String prdStckNo = ElevenstXml.value(item, "prdStckNo");
            if (prdStckNo == null || !prdStckNo.matches("[0-9]{1,19}") || prdStckNo.matches("0+")
                    || (itemPrdNo != null && !itemPrdNo.equals(prdNo))) {
                continue; // not an option of this product that a stock push could address
            }
            options.add(new LearnedListing(Marketplace.ELEVENST, prdNo, prdStckNo, ElevenstXml.value(item, "sellerStockCd")));
        }
        return new ArrayList<>(options);
    }
}
