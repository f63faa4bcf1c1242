package io.marketbridge.order;

/**
 * Where the parcel goes. Personal data: never logged.
 *
 * @param nameKana the receiver's name in katakana where the marketplace gives one (Qoo10 Japan's receiver_gata), else null
 */
public record Receiver(String name, String phone1, String phone2, String postcode, String address1, String address2,
                       String nameKana) {

    /** A receiver without a kana reading (every Korean marketplace). */
    public Receiver(String name, String phone1, String phone2, String postcode, String address1, String address2) {
        this(name, phone1, phone2, postcode, address1, address2, null);
    }

    @Override
    public String toString() {
        return "Receiver[masked]";
    }
}
