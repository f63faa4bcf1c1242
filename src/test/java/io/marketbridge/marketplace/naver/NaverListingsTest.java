package io.marketbridge.marketplace.naver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketbridge.marketplace.RejectedException;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.OrderJson;
import io.marketbridge.stock.LearnedListing;
import org.junit.jupiter.api.Test;

/**
 * The origin product read as the listing import reads it, from answers written by hand after the product API's
 * fields (naver.md 2.9's optionInfo with optionCombinations / optionStandards and their id, plus sellerManagerCode
 * and sellerCodeInfo.sellerManagementCode; see docs/naver.md, Listing import).
 */
class NaverListingsTest {

    @Test
    void everyOptionWithItsSellerManagerCode() throws Exception {
        String json = """
                {"originProduct":{"statusType":"SALE","name":"면 티셔츠","stockQuantity":30,
                  "detailAttribute":{
                    "optionInfo":{"optionCombinationGroupNames":{"optionGroupName1":"색상"},
                      "optionCombinations":[
                        {"id":7700001,"optionName1":"흰색","stockQuantity":10,"price":0,"sellerManagerCode":"TEE-W","usable":true},
                        {"id":7700002,"optionName1":"검정","stockQuantity":20,"price":0,"sellerManagerCode":"","usable":false},
                        {"optionName1":"새 옵션","stockQuantity":0}],
                      "optionStandards":[{"id":7700101,"optionName1":"250","stockQuantity":4,"sellerManagerCode":"SHOE-250"}],
                      "useStockManagement":true},
                    "sellerCodeInfo":{"sellerManagementCode":"TEE"}}},
                 "smartstoreChannelProduct":{"channelProductName":"면 티셔츠"}}""";
        assertThat(NaverListings.options("5500000001", OrderJson.mapper().readTree(json))).containsExactly(
                new LearnedListing(Marketplace.NAVER, "5500000001", "7700001", "TEE-W"),
                new LearnedListing(Marketplace.NAVER, "5500000001", "7700002", null),
                new LearnedListing(Marketplace.NAVER, "5500000001", "7700101", "SHOE-250"));
    }

    @Test
    void aProductWithoutOptionsIsOneListingWithTheProductsCode() throws Exception {
        String json = """
                {"originProduct":{"statusType":"SALE","stockQuantity":8,
                  "detailAttribute":{"sellerCodeInfo":{"sellerManagementCode":"MUG-01","sellerBarcode":"880000000001"}}}}""";
        assertThat(NaverListings.options("5500000002", OrderJson.mapper().readTree(json)))
                .containsExactly(new LearnedListing(Marketplace.NAVER, "5500000002", "", "MUG-01"));
    }

    @Test
    void anAnswerWithoutAnOriginProductIsRefused() throws Exception {
        assertThatThrownBy(() -> NaverListings.options("5500000003", OrderJson.mapper().readTree("{\"data\":{}}")))
                .isInstanceOf(RejectedException.class).hasMessageContaining("5500000003");
    }
}
