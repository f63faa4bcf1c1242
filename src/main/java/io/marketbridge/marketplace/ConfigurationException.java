package io.marketbridge.marketplace;

/** The account's configuration is wrong (bad key, unknown vendor id, IP not registered, wrong URL). */
public class ConfigurationException extends MarketplaceException {
    public ConfigurationException(String message) {
        super(ErrorType.CONFIGURATION, message);
    }
}
