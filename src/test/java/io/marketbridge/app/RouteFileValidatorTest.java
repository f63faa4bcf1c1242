package io.marketbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteFileValidatorTest {

    @TempDir
    Path dir;

    @Test
    void theProjectsRouteFilesLoad() throws Exception {
        assertThat(RouteFileValidator.validate(Path.of("routes"))).isEmpty();
    }

    @Test
    void aBrokenRouteFileIsReportedWithItsFileAndLine() throws Exception {
        Files.writeString(dir.resolve("good.camel.yaml"), """
                - route:
                    id: fine
                    from:
                      uri: direct:fine
                      steps:
                        - log: ok
                """);
        Files.writeString(dir.resolve("broken.camel.yaml"), """
                - route:
                    id: broken
                    from:
                      uri: direct:broken
                      steps:
                        - lgo: misspelt
                """);
        List<String> problems = RouteFileValidator.validate(dir);
        assertThat(problems).singleElement().asString()
                .contains("broken.camel.yaml").containsPattern("line \\d+").contains("lgo");
    }

    @Test
    void aBadIndentationIsReportedWithTheParsersLineColumnAndCause() throws Exception {
        // "ref" one level too shallow under "bean", so "method" below it cannot be a mapping value
        Files.writeString(dir.resolve("indent.camel.yaml"), """
                - route:
                    id: indent
                    from:
                      uri: direct:indent
                      steps:
                        - bean:
                          ref: someBean
                            method: call
                """);
        List<String> problems = RouteFileValidator.validate(dir);
        assertThat(problems).singleElement().asString()
                .contains("indent.camel.yaml").contains("line 8, column 19").contains("mapping values are not allowed here");
    }
}
