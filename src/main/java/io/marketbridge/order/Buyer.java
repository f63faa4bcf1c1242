package io.marketbridge.order;

/** The person who paid. Personal data: never logged. */
public record Buyer(String name, String phone, String email) {
    @Override
    public String toString() {
        return "Buyer[masked]";
    }
}
