package io.marketbridge.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/**
 * Loads every *.camel.yaml file with Camel's YAML DSL loader, without starting anything, and fails with
 * the file, line and column of the first problem in each. Run by the build (process-classes) and usable
 * by hand: {@code java -cp target/market-bridge.jar io.marketbridge.app.RouteFileValidator routes}.
 */
public final class RouteFileValidator {

    private RouteFileValidator() {
    }

    public static void main(String[] args) throws Exception {
        // the build passes the folder as a system property, so command-line exec arguments cannot redirect it
        String configured = System.getProperty("marketbridge.routes.dir");
        Path dir = Path.of(configured != null ? configured : args.length > 0 ? args[0] : "routes");
        List<String> problems = validate(dir);
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println("[route file] " + p));
            throw new IllegalStateException(problems.size() + " route file(s) in " + dir + " are broken; see above");
        }
        System.out.println("[route file] all route files in " + dir + " load");
    }

    public static List<String> validate(Path dir) throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        }
        if (files.isEmpty()) {
            problems.add(dir + ": no *.camel.yaml files");
        }
        // a route file may instantiate a template declared in another file (routes/inbox.camel.yaml)
        List<Path> templates = new ArrayList<>();
        for (Path file : files) {
            if (Files.readString(file).contains("- routeTemplate:")) {
                templates.add(file);
            }
        }
        for (Path file : files) {
            try (CamelContext context = new DefaultCamelContext()) {
                for (Path t : templates) {
                    if (!t.equals(file)) {
                        loadQuietly(context, t); // its own problems are reported on its own turn
                    }
                }
                Resource resource = ResourceHelper.resolveResource(context, "file:" + file.toAbsolutePath());
                PluginHelper.getRoutesLoader(context).loadRoutes(resource);
            } catch (Exception e) {
                problems.add(file + ": " + yamlProblem(e).map(p -> "not well-formed YAML at " + p).orElseGet(() -> rootMessage(e)));
            }
        }
        return problems;
    }

    private static void loadQuietly(CamelContext context, Path file) {
        try {
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveResource(context, "file:" + file.toAbsolutePath()));
        } catch (Exception e) {
            // reported when the file itself is validated
        }
    }

    /**
     * Where the YAML parser stopped and why ("line 30, column 19: mapping values are not allowed here"), when a
     * route file is not well-formed YAML (a bad indentation); Camel's own message names only the file.
     */
    public static Optional<String> yamlProblem(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof MarkedYamlEngineException yaml) {
                Optional<Mark> mark = yaml.getProblemMark().or(yaml::getContextMark);
                String where = mark.map(m -> "line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1) + ": ").orElse("");
                String context = yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")";
                return Optional.of(where + yaml.getProblem() + context);
            }
        }
        return Optional.empty();
    }

    private static String rootMessage(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !sb.toString().contains(c.getMessage())) {
                sb.append(" <- ").append(c.getMessage());
            }
        }
        return sb.toString();
    }
}
