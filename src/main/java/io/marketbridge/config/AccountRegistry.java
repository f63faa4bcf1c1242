package io.marketbridge.config;

import io.marketbridge.marketplace.MarketplaceConnector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the seller account blocks ({@code marketbridge.account.<id>.<key>}) and validates each against the
 * keys its connector declares. An account with a missing or malformed key is left out with one clear
 * message naming the property; the other accounts run.
 */
public class AccountRegistry {

    public static final String PREFIX = "marketbridge.account.";
    private static final Logger LOG = LoggerFactory.getLogger(AccountRegistry.class);

    private final Map<String, MarketplaceConnector> connectors = new LinkedHashMap<>();
    /** Names a marketplace went by earlier (11st for elevenst): still read, with a warning. */
    private final Map<String, MarketplaceConnector> formerKeys = new LinkedHashMap<>();
    // replaced whole by a reload (replaceWith), read by every poll: volatile
    private volatile Map<String, Account> accounts = new TreeMap<>();
    private volatile Map<String, String> rejected = new TreeMap<>();

    public AccountRegistry(Collection<MarketplaceConnector> connectors) {
        connectors.forEach(c -> this.connectors.put(c.key(), c));
        connectors.forEach(c -> c.formerKeys().forEach(former -> formerKeys.put(former, c)));
    }

    public void load(PropertiesComponent properties) {
        Properties raw = properties.loadProperties(k -> k.startsWith(PREFIX));
        Map<String, TreeSet<String>> keysById = new TreeMap<>();
        for (String name : raw.stringPropertyNames()) {
            String rest = name.substring(PREFIX.length());
            int dot = rest.indexOf('.');
            if (dot <= 0 || dot == rest.length() - 1) {
                LOG.error("Ignoring property {}: expected {}<account-id>.<key>", AccountId.shown(name), PREFIX);
                continue;
            }
            keysById.computeIfAbsent(rest.substring(0, dot), id -> new TreeSet<>()).add(rest.substring(dot + 1));
        }
        Map<String, List<String>> alike = new TreeMap<>();
        keysById.keySet().removeIf(id -> {
            String problem = AccountId.problemWith(id);
            if (problem != null) {
                reject(id, List.of(property(AccountId.shown(id), "*") + ": the account id '" + AccountId.shown(id)
                        + "' is not valid (" + problem + "); " + AccountId.RULE));
                return true;
            }
            alike.computeIfAbsent(AccountId.collisionKey(id), k -> new ArrayList<>()).add(id);
            return false;
        });
        for (List<String> ids : alike.values()) {
            if (ids.size() > 1) {
                // which block an environment variable or a file belongs to would be a guess: neither runs
                for (String id : ids) {
                    List<String> others = ids.stream().filter(o -> !o.equals(id)).map(o -> property(o, "*")).toList();
                    reject(id, List.of(property(id, "*") + " and " + String.join(", ", others)
                            + " name accounts whose ids differ only in letter case or '-' versus '_': one environment"
                            + " variable (" + envPrefix(id) + "<KEY>) would set both, and ids that differ in case share"
                            + " file names on Windows and macOS; rename one of them"));
                    keysById.remove(id);
                }
            }
        }
        keysById.forEach((id, keys) -> load(id, keys, properties, raw));
    }

    private static String envPrefix(String id) {
        return (PREFIX + AccountId.collisionKey(id) + ".").toUpperCase(java.util.Locale.ROOT).replace('.', '_');
    }

    private void load(String id, TreeSet<String> present, PropertiesComponent properties, Properties raw) {
        List<String> problems = new ArrayList<>();
        String marketplace = resolve(properties, id, CommonAccountKeys.MARKETPLACE, problems);
        MarketplaceConnector connector = marketplace == null ? null : connectors.get(marketplace.trim().toLowerCase());
        if (connector == null && marketplace != null && formerKeys.containsKey(marketplace.trim().toLowerCase())) {
            connector = formerKeys.get(marketplace.trim().toLowerCase());
            LOG.warn("{} = {} is the former name; write {} (read as {} for now)", property(id, CommonAccountKeys.MARKETPLACE),
                    marketplace.trim(), connector.key(), connector.key());
        }
        if (marketplace != null && connector == null) {
            problems.add(property(id, CommonAccountKeys.MARKETPLACE) + " is '" + marketplace
                    + "'; this version serves: " + String.join(", ", connectors.keySet()));
        }
        if (connector == null) {
            if (marketplace == null && problems.isEmpty()) {
                problems.add(property(id, CommonAccountKeys.MARKETPLACE) + " is missing");
            }
            reject(id, problems);
            return;
        }
        Map<String, AccountKey> declared = new LinkedHashMap<>();
        CommonAccountKeys.KEYS.forEach(k -> declared.put(k.name(), k));
        connector.accountKeys().forEach(k -> declared.put(k.name(), k));

        for (String key : present) {
            String retired = connector.retiredKeys().get(key);
            if (retired != null && !declared.containsKey(key)) {
                // an older configuration keeps starting: the key is ignored, and the log says what replaced it
                LOG.warn("{} is no longer read: {}", property(id, key), retired);
                continue;
            }
            if (!declared.containsKey(key)) {
                problems.add(property(id, key) + " is not a known key for " + connector.key()
                        + " (known: " + String.join(", ", declared.keySet()) + ")");
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (AccountKey key : declared.values()) {
            int problemsBefore = problems.size();
            String value = present.contains(key.name()) ? resolve(properties, id, key.name(), problems) : null;
            if (problems.size() > problemsBefore) {
                continue; // unresolvable placeholder, already reported
            }
            String written = raw.getProperty(property(id, key.name()));
            if ((value == null || value.isBlank()) && written != null && written.contains("{{")) {
                // the placeholder itself is not secret: it names the variable to set
                problems.add(property(id, key.name()) + " = " + written.trim()
                        + " cannot be resolved: set the environment variable or property it names");
                continue;
            }
            if (value == null || value.isBlank()) {
                if (key.required()) {
                    problems.add(property(id, key.name()) + " is missing (" + key.title() + ", e.g. " + key.example() + ")");
                    continue;
                }
                value = key.defaultValue();
            }
            if (value != null) {
                String problem = key.problemWith(value);
                if (problem != null) {
                    problems.add(property(id, key.name()) + " " + problem);
                }
                values.put(key.name(), value.trim());
            }
        }
        if (problems.isEmpty()) {
            // rules across keys (one key required by the value of another)
            connector.problemsAcross(values).forEach(p -> problems.add(AccountRegistry.PREFIX + id + "." + p));
        }
        if (!problems.isEmpty()) {
            reject(id, problems);
            return;
        }
        Account account = new Account(id, connector.key(), values, declared);
        if (!account.enabled()) {
            LOG.info("Account {} ({}) is disabled by {}", id, connector.key(), property(id, CommonAccountKeys.ENABLED));
        }
        accounts.put(id, account);
    }

    private String resolve(PropertiesComponent properties, String id, String key, List<String> problems) {
        try {
            return properties.resolveProperty(property(id, key)).orElse(null);
        } catch (RuntimeException e) {
            // e.g. {{env:ACME_SECRET}} with the variable unset; Camel's message names the placeholder, not a value
            problems.add(property(id, key) + " cannot be resolved: " + e.getMessage());
            return "";
        }
    }

    private void reject(String id, List<String> problems) {
        String message = String.join("; ", problems);
        rejected.put(id, message);
        LOG.error("Account {} is disabled because of its configuration: {}", AccountId.shown(id), message);
    }

    public static String property(String accountId, String key) {
        return PREFIX + accountId + "." + key;
    }

    /** The account, or an exception naming the id when it is unknown or was rejected at start. */
    public Account require(String id) {
        Account account = accounts.get(id);
        if (account == null) {
            throw new IllegalStateException(rejected.containsKey(id)
                    ? "Account " + id + " was rejected at start: " + rejected.get(id)
                    : "Unknown account " + id);
        }
        return account;
    }

    /**
     * Takes the accounts of a registry loaded afresh (a configuration reload). The connectors stay: a marketplace
     * is a plug-in found at start.
     */
    public void replaceWith(AccountRegistry reloaded) {
        this.accounts = new TreeMap<>(reloaded.accounts);
        this.rejected = new TreeMap<>(reloaded.rejected);
    }

    /** The account, or null when it is not configured (or was rejected). */
    public Account find(String id) {
        return accounts.get(id);
    }

    public Collection<Account> accounts() {
        return accounts.values();
    }

    /** Accounts left out at start, with the reason. */
    public Map<String, String> rejected() {
        return Map.copyOf(rejected);
    }

    public MarketplaceConnector connector(Account account) {
        return connectors.get(account.marketplace());
    }

    public Collection<MarketplaceConnector> connectors() {
        return connectors.values();
    }
}
