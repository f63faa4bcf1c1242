package io.marketbridge.simulator.naver;

/** A receiver's shipping address, or the seller's taking address, as the product-order detail shows them. */
record Address(String name, String tel1, String tel2, String zipCode, String baseAddress, String detailedAddress) {
}
