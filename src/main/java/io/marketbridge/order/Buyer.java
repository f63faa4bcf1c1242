package io.marketbridge.order;

/**
 * The person who paid. Personal data: never logged.
 *
 * @param nameKana the name's reading in katakana where the marketplace gives one (Qoo10 Japan's buyer_gata), else null
 */
public record Buyer(String name, String phone, String email, String nameKana) {

    /** A buyer without a kana reading (every Korean marketplace). */
    public Buyer(String name, String phone, String email) {
        this(name, phone, email, null);
    }

    @Override
    public String toString() {
        return "Buyer[masked]";
    }
}
