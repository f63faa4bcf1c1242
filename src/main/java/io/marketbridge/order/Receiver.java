package io.marketbridge.order;

/** Where the parcel goes. Personal data: never logged. */
public record Receiver(String name, String phone1, String phone2, String postcode, String address1, String address2) {
    @Override
    public String toString() {
        return "Receiver[masked]";
    }
}
