package io.marketbridge.app;

import io.marketbridge.config.AccountKey;
import io.marketbridge.config.AccountRegistry;
import io.marketbridge.config.CommonAccountKeys;
import io.marketbridge.logging.LogMasker;
import io.marketbridge.logging.LogMasking;
import io.marketbridge.marketplace.MarketplaceConnector;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Tells the log masking the value of every secret of the configuration before anything uses it: the keys
 * the connectors mark secret in every account block (access and secret keys, the Naver client secret, the
 * 11st OpenAPI key, the ESM secret) and every property whose name says it holds a secret
 * ({@code marketbridge.db.password}, the simulators' keys, a management token). Registered ahead of
 * {@link RuntimeSetup}, whose simulators, pool and accounts read those values first.
 */
public class LogMaskingSetup extends MainListenerSupport {

    private final List<MarketplaceConnector> connectors;

    public LogMaskingSetup() {
        this(RuntimeSetup.connectors());
    }

    LogMaskingSetup(List<MarketplaceConnector> connectors) {
        this.connectors = connectors;
    }

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        // an operator's logback file has been read by now: mask its appenders too
        LogMasking.install();
        protectSecrets(main.getCamelContext().getPropertiesComponent());
    }

    /** Hands the resolved value of every secret property to {@link LogMasker#protect}; returns how many. */
    int protectSecrets(PropertiesComponent props) {
        Set<String> secretAccountKeys = new HashSet<>();
        CommonAccountKeys.KEYS.stream().filter(AccountKey::secret).forEach(k -> secretAccountKeys.add(k.name()));
        connectors.forEach(c -> c.accountKeys().stream().filter(AccountKey::secret).forEach(k -> secretAccountKeys.add(k.name())));
        Properties raw = props.loadProperties();
        int protectedValues = 0;
        for (String name : raw.stringPropertyNames()) {
            if (!LogMasker.isSensitiveName(name) && !secretAccountKeys.contains(accountKey(name))) {
                continue;
            }
            try {
                String value = props.resolveProperty(name).orElse(null);
                if (value != null && !value.isBlank()) {
                    LogMasker.protect(value);
                    protectedValues++;
                }
            } catch (RuntimeException e) {
                // an unset {{env:...}}: the account registry reports it with the property's name
            }
        }
        return protectedValues;
    }

    /** The key part of marketbridge.account.<id>.<key>, or "" for any other property. */
    private static String accountKey(String name) {
        if (!name.startsWith(AccountRegistry.PREFIX)) {
            return "";
        }
        String rest = name.substring(AccountRegistry.PREFIX.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? "" : rest.substring(dot + 1);
    }
}
