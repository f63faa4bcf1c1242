package io.marketbridge.marketplace.naver;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.JsonFields;
import io.marketbridge.marketplace.RejectedException;
import io.marketbridge.order.Marketplace;
import io.marketbridge.stock.LearnedListing;
import io.marketbridge.stock.ListingImport;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * Naver's side of the listing import (route naver-listings): the origin product read GET
 * /v1/products/origin-products/{originProductNo} of each product. Its
 * {@code originProduct.detailAttribute.optionInfo} lists the options ({@code optionCombinations}, and
 * {@code optionStandards} for standard options), each with its {@code id} (the option the stock push addresses) and
 * the seller's {@code sellerManagerCode}; a product without options is one listing (option "") with the product's
 * {@code detailAttribute.sellerCodeInfo.sellerManagementCode}. naver.md documents the option-stock body, not this
 * read: its shape is the product API's (docs/naver.md, Listing import). A refusal (404 for an unknown product) is
 * that product's error (NaverErrors: REJECTED).
 */
public class NaverListings {

    /** Route step: the read of the origin product the import is at. */
    public ApiRequest request(@ExchangeProperty(ListingImport.PROPERTY) ListingImport job) {
        String no = job.getProduct().getListingId().trim();
        if (!no.matches("[0-9]{1,18}")) {
            throw new RejectedException("BAD_LISTING", "listing '" + no + "' is not a Naver originProductNo (digits)");
        }
        return ApiRequest.get(NaverStock.ORIGIN_PRODUCTS + no, "", "origin product " + no);
    }

    /** Route step: the product's options with the seller codes Naver holds for them. */
    public List<LearnedListing> options(@ExchangeProperty(ListingImport.PROPERTY) ListingImport job, @Body JsonNode root) {
        return options(job.getProduct().getListingId().trim(), root);
    }

    static List<LearnedListing> options(String originProductNo, JsonNode root) {
        JsonNode product = root == null ? null : root.get("originProduct");
        if (product == null || !product.isObject()) {
            throw new RejectedException("NO_PRODUCT", "Naver answered the read of origin product " + originProductNo
                    + " without an originProduct");
        }
        JsonNode detail = product.path("detailAttribute");
        JsonNode info = detail.path("optionInfo");
        Set<LearnedListing> options = new LinkedHashSet<>();
        for (String kind : new String[] {"optionCombinations", "optionStandards"}) {
            for (JsonNode o : info.path(kind)) {
                String id = JsonFields.blankToNull(o.path("id").asText(null));
                if (id == null || !id.trim().matches("[0-9]{1,18}")) {
                    continue; // an option without an id cannot be addressed by the stock push
                }
                options.add(new LearnedListing(Marketplace.NAVER, originProductNo, id.trim(),
                        JsonFields.blankToNull(o.path("sellerManagerCode").asText(null))));
            }
        }
        if (options.isEmpty()) {
            options.add(new LearnedListing(Marketplace.NAVER, originProductNo, "", JsonFields.blankToNull(
                    detail.path("sellerCodeInfo").path("sellerManagementCode").asText(null))));
        }
        return new ArrayList<>(options);
    }
}
